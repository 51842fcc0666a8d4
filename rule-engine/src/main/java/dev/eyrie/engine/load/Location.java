package dev.eyrie.engine.load;

/**
 * One step of a message's context chain. {@code name} is the rules source name, or for locations inside a
 * condition a quoted prefix of the condition. {@code line}, {@code column} and {@code offset} are 0-based like
 * Falco's (yaml-cpp marks); inside a condition they are the condition's YAML position plus libs' 1-based parser
 * position, exactly as Falco adds them.
 */
public record Location(ItemType itemType, String itemName, String name, int line, int column, int offset) {}
