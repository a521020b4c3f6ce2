/**
 * The demo tenant's people. The emulator's seed data, the Playground configuration
 * (`.m365agentsplayground.yml`) and the tests all use these, so that "assign to me"
 * in the Playground produces an owner the emulator and Sentinel's swagger accept
 * (the Playground's built-in user ids are not valid GUIDs).
 */
export interface DemoUser {
  objectId: string;
  name: string;
  userPrincipalName: string;
  email: string;
  givenName: string;
  surname: string;
}

export const DEMO_TENANT_ID = '9c1e7f3a-2b4d-4e6f-8a0b-1c2d3e4f5a6b';

export const ALEX: DemoUser = {
  objectId: '3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b',
  name: 'Alex Wilber',
  userPrincipalName: 'alexw@contoso.com',
  email: 'alexw@contoso.com',
  givenName: 'Alex',
  surname: 'Wilber',
};

export const ADA: DemoUser = {
  objectId: '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90',
  name: 'Ada Lovelace',
  userPrincipalName: 'ada.lovelace@contoso.com',
  email: 'ada.lovelace@contoso.com',
  givenName: 'Ada',
  surname: 'Lovelace',
};

export const GRACE: DemoUser = {
  objectId: 'c7b6a5d4-2e1f-4a3b-9c8d-7e6f5a4b3c2d',
  name: 'Grace Hopper',
  userPrincipalName: 'grace.hopper@contoso.com',
  email: 'grace.hopper@contoso.com',
  givenName: 'Grace',
  surname: 'Hopper',
};

export const MEGAN: DemoUser = {
  objectId: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
  name: 'Megan Bowen',
  userPrincipalName: 'meganb@contoso.com',
  email: 'meganb@contoso.com',
  givenName: 'Megan',
  surname: 'Bowen',
};

export const ADELE: DemoUser = {
  objectId: '6e7f8a9b-0c1d-4e2f-9a3b-4c5d6e7f8a9b',
  name: 'Adele Vance',
  userPrincipalName: 'adelev@contoso.com',
  email: 'adelev@contoso.com',
  givenName: 'Adele',
  surname: 'Vance',
};

export const ISAIAH: DemoUser = {
  objectId: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
  name: 'Isaiah Langer',
  userPrincipalName: 'isaiahl@contoso.com',
  email: 'isaiahl@contoso.com',
  givenName: 'Isaiah',
  surname: 'Langer',
};

export const DEMO_USERS: readonly DemoUser[] = [ALEX, ADA, GRACE, MEGAN, ADELE, ISAIAH];
