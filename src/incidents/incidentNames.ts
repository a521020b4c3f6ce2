/**
 * Incident number -> ARM resource name. Sentinel never renumbers an incident, so a mapping
 * once read holds for good: keeping it spares the lookup on every command after the first.
 * Bounded (least recently used goes first), so a long-running bot cannot grow without end.
 */
export class IncidentNames {
  private readonly names = new Map<number, string>();

  constructor(private readonly maxEntries = 10_000) {}

  get(incidentNumber: number): string | undefined {
    const name = this.names.get(incidentNumber);
    if (name !== undefined) {
      // Refresh its place: Map keeps insertion order, the oldest entry is evicted first.
      this.names.delete(incidentNumber);
      this.names.set(incidentNumber, name);
    }
    return name;
  }

  set(incidentNumber: number, name: string): void {
    this.names.delete(incidentNumber);
    this.names.set(incidentNumber, name);
    if (this.names.size > this.maxEntries) this.names.delete(this.names.keys().next().value as number);
  }

  /** For a deleted incident (its name answered 404). */
  forget(incidentNumber: number): void {
    this.names.delete(incidentNumber);
  }

  get size(): number {
    return this.names.size;
  }
}
