package main

import (
	"context"
	"fmt"
	"io"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/kb"
)

// VersionCommand prints the coder's and the knowledge base's versions.
type VersionCommand struct {
	Stdout io.Writer
}

// Run runs the command.
func (c *VersionCommand) Run(_ context.Context, _ []string) error {
	k, err := kb.Load()
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "marsad %s (%s: %d countries, %d places, %d organisations, %d persons, %d roles)\n",
		marsad.Version, k.Version, len(k.Countries), len(k.Places), len(k.Orgs), len(k.Persons), len(k.Roles))
	return nil
}
