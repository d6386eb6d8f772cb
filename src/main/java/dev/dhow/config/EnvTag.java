package dev.dhow.config;

/** A root {@code env.tags.<name>} entry: extra env for hosts written with that tag under servers. */
public record EnvTag(String name, Env env) {}
