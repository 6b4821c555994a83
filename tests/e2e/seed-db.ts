// The browser-side database reader and seeder live in tests/support/browser-db.ts; kept for
// specs that import them from here.
export * from '../support/browser-db';
