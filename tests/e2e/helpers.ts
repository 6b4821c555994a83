// The app driver lives in tests/support/app-driver.ts; kept for specs that import it from here.
export * from '../support/app-driver';
