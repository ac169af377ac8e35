package serve

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
)

// maxLoggedHosts bounds how many refused Host names are logged, so a page
// that keeps trying new names cannot fill the terminal.
const maxLoggedHosts = 8

// hosts decides which Host headers the server answers, against DNS
// rebinding: a web page on a name its owner controls can make that name
// point at 127.0.0.1, and then read the preview "from its own site". The
// browser still sends the page's name as Host, so the server answers only
// names that no one else can point at it: IP addresses, localhost and
// names under .localhost (which browsers resolve to this computer
// themselves), and the names given in Options.Hosts (praxis serve gives
// this computer's own name and the address --bind was given).
type hosts struct {
	names map[string]bool // lower case, without a final dot
	logf  func(format string, args ...any)

	mu     sync.Mutex
	logged map[string]bool
}

func newHosts(extra []string, logf func(string, ...any)) *hosts {
	h := &hosts{names: map[string]bool{}, logf: logf, logged: map[string]bool{}}
	for _, n := range extra {
		if n = hostName(n); n != "" {
			h.names[n] = true
		}
	}
	return h
}

// hostName returns the host part of a Host header or --bind value, in lower
// case, without port, brackets or a final dot.
func hostName(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// allows reports whether the server answers a request with Host header
// hostport. An empty Host (HTTP/1.0) is allowed: browsers always send one.
func (h *hosts) allows(hostport string) bool {
	host := hostName(hostport)
	if host == "" || host == "localhost" || strings.HasSuffix(host, ".localhost") || h.names[host] {
		return true
	}
	_, err := netip.ParseAddr(host)
	return err == nil
}

// check wraps next: a request for a Host that is not allowed gets 403.
func (h *hosts) check(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.allows(r.Host) {
			next.ServeHTTP(w, r)
			return
		}
		h.logOnce(r.Host)
		http.Error(w, "403 forbidden: praxis serve answers requests for localhost, an IP address or this computer's name only, "+
			"so that other web sites cannot read the workbook through a name of theirs; open the address praxis serve printed",
			http.StatusForbidden)
	})
}

func (h *hosts) logOnce(host string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.logged[host] || len(h.logged) >= maxLoggedHosts {
		return
	}
	h.logged[host] = true
	h.logf("serve: refused a request for host %q: only localhost, IP addresses and this computer's name are served (see --bind)", host)
}
