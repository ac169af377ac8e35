// Resolves once everything the print depends on has loaded: lazy images are
// made eager (a printout has no scrolling to trigger them), then every image
// and every web font must have finished, successfully or not.
(async () => {
	const pending = [];
	for (const img of document.images) {
		if (img.loading === "lazy") img.loading = "eager";
		if (!img.complete) {
			pending.push(new Promise((resolve) => {
				img.addEventListener("load", resolve, { once: true });
				img.addEventListener("error", resolve, { once: true });
			}));
		}
	}
	await Promise.all(pending);
	await document.fonts.ready;
})()
