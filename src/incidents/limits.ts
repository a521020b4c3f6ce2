/**
 * Input limits. Sentinel's own: description 5000 characters (portal and API), comments
 * 30000. The others are ours, chosen so a card stays readable and a label stays a label.
 */
export const LIMITS = {
  titleMax: 250,
  descriptionMax: 5000,
  classificationCommentMax: 1000,
  tagMax: 50,
  tagsMax: 20,
  /** The raw comma-separated tags field, before splitting. */
  tagsFieldMax: 1200,
  commentMax: 30000,
  taskTitleMax: 150,
  /** Incident numbers are int32 in Sentinel. */
  incidentNumberMax: 2147483647,
} as const;
