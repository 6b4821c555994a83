// Formatting of sizes for people (time formatting lives in $lib/pipeline/time-format).

export function formatBytes(n: number): string {
	if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
	if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
	return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
