// Apart from the schemas in workshop.ts, so that a page can know the roles without zod.
export const ROLES = ['facilitator', 'participant', 'observer'] as const;
export type Role = (typeof ROLES)[number];
