//! masthead cli.
