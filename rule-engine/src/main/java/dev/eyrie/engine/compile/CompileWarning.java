package dev.eyrie.engine.compile;

/** A libsinsp compiler warning (Falco reports these as LOAD_COMPILE_CONDITION warnings). */
public record CompileWarning(String message, int pos) {}
