// Command opscycle-ferretdb embeds FerretDB v1 with its SQLite backend, so that
// OpsCycle has a MongoDB-wire server built only from the Go module proxy.
// `go install github.com/FerretDB/FerretDB/cmd/ferretdb` panics on a missing
// version file; the embeddable package does not need it.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data", "data", "directory holding the SQLite files")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "bad -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	if err := os.MkdirAll(*dataDir, 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "cannot create data directory %q: %v\n", *dataDir, err)
		os.Exit(1)
	}

	// unix-excl keeps SQLite's WAL index in process memory instead of a mmapped -shm file.
	// With the default VFS, FerretDB died here under concurrent load with SIGBUS in
	// walFindFrame (a shortened -shm mapping); only this process opens the files anyway.
	// busy_timeout: SQLite has one writer per database; FerretDB's default of 10 s made concurrent
	// payout partitions fail with SQLITE_BUSY while another write scanned a large collection
	// (FerretDB v1 reads the whole collection for an update). Waiting longer beats failing an attempt.
	sqliteURL := "file:" + *dataDir + "/?vfs=unix-excl&_pragma=busy_timeout(60000)"
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(os.Stderr, "ferretdb listening on %s (sqlite in %s)\n", *listen, *dataDir)
	if err := f.Run(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}
