//! masthead yaml.
