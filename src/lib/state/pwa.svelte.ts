// Service worker registration through workbox-window: tells the person when the app is ready
// offline, and when a new version waits — which takes over only when they choose to reload.
import { Workbox } from 'workbox-window';
import { base } from '$app/paths';

export class PwaStatus {
	offlineReady = $state(false);
	updateAvailable = $state(false);
	#workbox: Workbox | null = null;

	register() {
		if (!('serviceWorker' in navigator)) return;
		const wb = new Workbox(`${base}/service-worker.js`, { scope: `${base}/` });
		wb.addEventListener('installed', (event) => {
			if (!event.isUpdate) this.offlineReady = true;
		});
		wb.addEventListener('waiting', () => (this.updateAvailable = true));
		wb.addEventListener('controlling', (event) => {
			if (event.isUpdate) window.location.reload();
		});
		this.#workbox = wb;
		void wb.register();
	}

	applyUpdate() {
		this.#workbox?.messageSkipWaiting();
	}

	dismissOfflineReady() {
		this.offlineReady = false;
	}
}
