// The API key of this browser tab: kept in sessionStorage (gone when the tab closes), never in the URL or a log.
// GraphiQL (/graphql) reads the same entry, so signing in here also signs in there.
export const STORAGE_KEY = 'distill.apiKey';

export const session = {
  key: () => window.sessionStorage.getItem(STORAGE_KEY) ?? '',
  signIn: (key) => window.sessionStorage.setItem(STORAGE_KEY, key.trim()),
  signOut: () => window.sessionStorage.removeItem(STORAGE_KEY),
};

/** Roles, lowest first; each can do everything the one before can (as the API enforces). */
export const ROLES = ['INVESTIGATOR', 'ANALYST', 'LEGAL', 'ADMIN'];

/** What the page offers to a role (the API refuses the rest anyway). */
export function can(role, action) {
  const rank = ROLES.indexOf(role);
  const needs = { recordVerdict: 1, overrideOperator: 1, requestEvidencePack: 2, downloadEvidencePack: 2, auditTrail: 3 }[action];
  return needs !== undefined && rank >= needs;
}
