package dev.dhow.ssh;

/** One line of a running command's output, without its line break. */
public record OutputLine(String host, boolean stderr, String text) {}
