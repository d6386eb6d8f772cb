package dev.dhow.output;

/** How much narration the user asked for. */
public enum Verbosity { QUIET, NORMAL, VERBOSE }
