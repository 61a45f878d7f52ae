// Command ferretdb runs an embedded FerretDB 1.24 (SQLite backend) for local
// development and tests. It is the MongoDB-compatible provider used when
// MONGO_URL is unset.
package main

import (
	"context"
	"flag"
	"log"
	"log/slog"
	"net/http"
	_ "net/http/pprof" // served only with -pprof, for profiling benchmarks
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data", "data", "directory for the SQLite databases")
	pprof := flag.String("pprof", "", "TCP address for Go's /debug/pprof (off when empty)")
	flag.Parse()

	if *pprof != "" {
		go func() { log.Print(http.ListenAndServe(*pprof, nil)) }()
	}

	if err := os.MkdirAll(*dataDir, 0o755); err != nil {
		log.Fatal(err)
	}

	// A small heap: collecting at 4x instead of 2x its live size halves the
	// collector's share, 12 % of FerretDB's CPU under bench:pipeline.
	debug.SetGCPercent(400)

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Handler:  "sqlite",
		// WAL with synchronous=NORMAL: a commit is not fsynced, only checkpoints
		// are. A power cut may lose the last commits, never corrupt the file;
		// fine for the development and test provider this is.
		SQLiteURL: "file:" + *dataDir + "/?_pragma=synchronous(normal)",
		Logger:    logger,
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	go func() {
		// Printed once the listener is bound; the launcher waits for this line.
		log.Printf("ferretdb ready on %s", f.MongoDBURI())
	}()
	if err := f.Run(ctx); err != nil {
		log.Fatal(err)
	}
}
