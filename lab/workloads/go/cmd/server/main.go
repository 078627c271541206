// Command server is the lab's Go HTTP workload, on net/http:
//
//	/plaintext  TechEmpower plaintext: "Hello, World!" as text/plain
//	/json       TechEmpower JSON: {"message":"Hello, World!"}, encoded per request
//	/cache      one read (3 in 4) or update (1 in 4) of a random entry of an in-memory cache of
//	            -entries read states, in the spirit of Discord's Read States service
//	/hold?n=N   decode N Kubernetes-like resources into typed values and keep them (footprint)
//	/stats      {"gc": collections so far, "entries": cache entries, "held": resources held}
//
// It listens on -addr (port 0: any free port) and prints "port N" on stdout once it accepts.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

type message struct {
	Message string `json:"message"`
}

// --- the read-states cache ---------------------------------------------------------------------

type readState struct {
	channelID     uint64
	lastMessageID uint64
	mentions      uint32
	updates       uint32
}

const shards = 64

type shard struct {
	mu sync.Mutex
	m  map[uint64]*readState
}

type cache struct {
	shards [shards]shard
	size   uint64
}

func newCache(n uint64) *cache {
	c := &cache{size: n}
	for i := range c.shards {
		c.shards[i].m = make(map[uint64]*readState, n/shards+1)
	}
	for k := uint64(0); k < n; k++ {
		s := &c.shards[k%shards]
		s.m[k] = &readState{channelID: k * 7, lastMessageID: k}
	}
	return c
}

// touch reads entry k, or acknowledges a new message on it when update is set.
func (c *cache) touch(k uint64, update bool) readState {
	s := &c.shards[k%shards]
	s.mu.Lock()
	defer s.mu.Unlock()
	rs := s.m[k]
	if update {
		rs.lastMessageID++
		rs.mentions = (rs.mentions + 1) % 100
		rs.updates++
	}
	return *rs
}

// --- the held resources ------------------------------------------------------------------------

type container struct {
	Name  string            `json:"name"`
	Image string            `json:"image"`
	Args  []string          `json:"args"`
	Env   map[string]string `json:"env"`
	Ports []int             `json:"ports"`
}

type resource struct {
	Metadata struct {
		Name        string            `json:"name"`
		Namespace   string            `json:"namespace"`
		UID         string            `json:"uid"`
		Labels      map[string]string `json:"labels"`
		Annotations map[string]string `json:"annotations"`
	} `json:"metadata"`
	Spec struct {
		Replicas   int         `json:"replicas"`
		Containers []container `json:"containers"`
	} `json:"spec"`
	Status struct {
		Conditions []struct {
			Type    string `json:"type"`
			Status  string `json:"status"`
			Message string `json:"message"`
		} `json:"conditions"`
	} `json:"status"`
}

// resourceDoc is the document each held resource is decoded from; NAME is replaced per resource.
const resourceDoc = `{"metadata":{"name":"NAME","namespace":"verdict-lab","uid":"0c7f6b1e-NAME",
"labels":{"app":"NAME","tier":"backend","team":"platform","env":"production","version":"v1.4.2","managed-by":"verdict"},
"annotations":{"description":"a resource held by the footprint workload, the size of a small Kubernetes object","last-applied":"{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\"}"}},
"spec":{"replicas":3,"containers":[
{"name":"app","image":"registry.example/NAME:1.4.2","args":["--port","8080","--log","info"],"env":{"MODE":"serve","REGION":"eu-west-1","CACHE":"on","NAME":"NAME"},"ports":[8080,9090]},
{"name":"sidecar","image":"registry.example/proxy:2.0","args":["--upstream","127.0.0.1:8080","--tls","off"],"env":{"LOG":"warn","NAME":"NAME"},"ports":[15001]}]},
"status":{"conditions":[{"type":"Available","status":"True","message":"all replicas ready"},{"type":"Progressing","status":"True","message":"rollout complete"}]}}`

type store struct {
	mu   sync.Mutex
	held map[string]*resource
}

func (s *store) hold(n int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.held); i < n; i++ {
		name := "res-" + strconv.Itoa(i)
		r := new(resource)
		if err := json.Unmarshal([]byte(strings.ReplaceAll(resourceDoc, "NAME", name)), r); err != nil {
			return err
		}
		s.held[name] = r
	}
	return nil
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	entries := flag.Uint64("entries", 0, "read states in the cache")
	flag.Parse()

	c := newCache(*entries)
	st := &store{held: map[string]*resource{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/plaintext", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "go")
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("Hello, World!"))
	})
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "go")
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(message{"Hello, World!"})
	})
	mux.HandleFunc("/cache", func(w http.ResponseWriter, r *http.Request) {
		if c.size == 0 {
			http.Error(w, "no cache: start with -entries", http.StatusNotFound)
			return
		}
		rs := c.touch(rand.Uint64N(c.size), rand.IntN(4) == 0)
		w.Header().Set("Server", "go")
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "%d %d %d", rs.channelID, rs.lastMessageID, rs.mentions)
	})
	mux.HandleFunc("/hold", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.URL.Query().Get("n"))
		if err != nil || n < 0 || n > 1000000 {
			http.Error(w, "n must be 0..1000000", http.StatusBadRequest)
			return
		}
		if err := st.hold(n); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "%d", n)
	})
	mux.HandleFunc("/stats", func(w http.ResponseWriter, r *http.Request) {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		st.mu.Lock()
		held := len(st.held)
		st.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"gc":%d,"entries":%d,"held":%d}`, ms.NumGC, c.size, held)
	})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
	fmt.Printf("port %d\n", ln.Addr().(*net.TCPAddr).Port)
	os.Stdout.Sync()
	if err := http.Serve(ln, mux); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}
