/**
 * The emulator's stand-in for Microsoft Entra ID: the demo tenant's people. Sentinel resolves
 * an owner's object id in the directory and answers the owner with the person's name, UPN
 * and mail, whatever the request carried; the emulator does the same with these users.
 */
import { DEMO_USERS, type DemoUser } from '../../demo/identities';
import type { OwnerInfo } from '../model';

export class Directory {
  private readonly byObjectId: ReadonlyMap<string, DemoUser>;

  constructor(users: readonly DemoUser[]) {
    this.byObjectId = new Map(users.map((u) => [u.objectId.toLowerCase(), u]));
  }

  find(objectId: string | undefined): DemoUser | undefined {
    return objectId === undefined ? undefined : this.byObjectId.get(objectId.toLowerCase());
  }

  /**
   * The owner as Sentinel stores it: a known object id gets the directory's fields (and
   * ownerType User unless the request named another type). An object id the directory does
   * not know keeps exactly the fields sent: the contracts say nothing of a refusal, and the
   * service accepts owners it cannot resolve (for example guests of another tenant).
   */
  resolveOwner(owner: OwnerInfo | undefined): OwnerInfo | undefined {
    const user = this.find(owner?.objectId);
    if (!owner || !user) return owner;
    return {
      objectId: user.objectId,
      email: user.email,
      assignedTo: user.name,
      userPrincipalName: user.userPrincipalName,
      ownerType: owner.ownerType ?? 'User',
    };
  }
}

export const DEMO_DIRECTORY = new Directory(DEMO_USERS);
