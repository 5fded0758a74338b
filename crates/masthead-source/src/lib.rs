//! masthead source.
