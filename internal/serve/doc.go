// Package serve is the development server behind `praxis serve`: it serves
// the last good build of a site from memory and tells open browser tabs when
// to reload.
//
// It sits at the very end of the pipeline and knows nothing about how a site
// is built or how changes are detected. The serve loop in the cli builds the
// site, then hands the result to [Server.Publish]; when a rebuild fails it
// hands the errors to [Server.Fail] instead, and the server keeps serving the
// last good site while every open page shows the errors.
//
//	s := serve.New(serve.Options{Logf: log.Printf})
//	s.Publish(files, nil) // first build
//	ln, err := serve.Listen(ctx, "127.0.0.1", 8080)
//	...
//	err = s.Serve(ctx, ln) // until ctx is cancelled
//
// # Snapshots
//
// A site is a map from slash paths ("index.html", "ch1/page/index.html",
// "theme/style.css", "404.html") to bytes. Publish swaps the whole map at
// once, so a request sees either the old site or the new one, never a mix.
// Nothing is ever read from the file system: a URL can only name a key of the
// map, and paths that try to climb out ("/../", "%2e%2e", "%2f", backslashes,
// NUL) are refused with 400.
//
// "/dir/" serves "dir/index.html", "/dir" redirects to "./dir/", and unknown
// paths get the site's "404.html" with status 404. Every response carries
// an ETag that is a hash of its bytes and "Cache-Control: no-cache", so a
// browser always revalidates and never shows a stale page, even after two
// rebuilds within one second.
//
// # Who is answered
//
// Only requests whose Host is an IP address, localhost, a name under
// .localhost or one of Options.Hosts are answered; others get 403. This
// stops DNS rebinding, where a web page points its own name at 127.0.0.1
// to read the preview. Connections that send nothing, or stay idle between
// requests, are closed (see timeouts); event streams are exempt from the
// write timeout and get a deadline per event instead.
//
// # Live reload
//
// Every HTML response gets one extra element before "</body>":
//
//	<script src="/_praxis/live.js" defer></script>
//
// Only this server adds it; `praxis build` output never contains it. The
// script listens for Server-Sent Events at /_praxis/events. Each event's
// data is one line of JSON:
//
//	hello   {"build":"k3x9-4"}                  on connect
//	reload  {"build":"k3x9-5","paths":["/ch1/page/","/img/a.png"]}
//	css     {"build":"k3x9-5","paths":["/theme/style.css"]}
//	error   {"errors":[{"pos":"content/a.md:3:7","file":"content/a.md","line":3,"col":7,"message":"…"}]}
//	ok      {}
//
// A page reloads (keeping its scroll position) when its own path or one of
// the resources it loaded is in the reload list, or when the list is empty,
// which means "everything". On css it swaps its stylesheets in place. On
// error it shows a dismissible overlay listing each position and message,
// and removes it on ok. When the connection drops and comes back with a
// different build id (the server restarted, or events were missed) the page
// reloads once. A comment line every 15 seconds keeps idle connections open.
package serve
