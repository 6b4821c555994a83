/// <reference lib="webworker" />
// A person's data never leaves the device: whatever a vendored runtime would send elsewhere
// (tasks-vision 1.1.0 posted usage metrics to a Google endpoint), this worker may only fetch from
// our own origin.

export function restrictFetchToOwnOrigin() {
	const ownFetch = self.fetch.bind(self);
	self.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
		const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
		if (url.origin === self.location.origin) return ownFetch(input, init);
		return Promise.reject(
			new TypeError(`Blocked a request to ${url.origin}: nothing leaves this device`)
		);
	};
}
