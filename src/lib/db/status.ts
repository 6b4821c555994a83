// The statuses live in $lib/shared/status (every layer reads them); kept for db/ files that
// still import them from here.
export * from '$lib/shared/status';
