package dev.eyrie.engine.load;

/** The kinds of places a load message can point at; {@link #text()} is Falco's wording. */
public enum ItemType {
  VALUE_FOR("value for"),
  EXCEPTIONS("exceptions"),
  EXCEPTION("exception"),
  EXCEPTION_VALUES("exception values"),
  EXCEPTION_VALUE("exception value"),
  RULES_CONTENT("rules content"),
  RULES_CONTENT_ITEM("rules content item"),
  REQUIRED_ENGINE_VERSION("required_engine_version"),
  REQUIRED_PLUGIN_VERSIONS("required plugin versions"),
  REQUIRED_PLUGIN_VERSIONS_ENTRY("required plugin versions entry"),
  REQUIRED_PLUGIN_VERSIONS_ALTERNATIVE("required plugin versions alternative"),
  LIST("list"),
  LIST_ITEM("list item"),
  MACRO("macro"),
  MACRO_CONDITION("macro condition"),
  RULE("rule"),
  RULE_CONDITION("rule condition"),
  CONDITION_EXPRESSION("condition expression"),
  RULE_OUTPUT("rule output"),
  RULE_OUTPUT_EXPRESSION("rule output expression"),
  RULE_PRIORITY("rule priority"),
  OVERRIDE("overrides"),
  EXTENSION_ITEM("extension item"),
  /** Eyrie extension point (issue E): a sequence item. */
  SEQUENCE("sequence"),
  SEQUENCE_STEP("sequence step"),
  SEQUENCE_CONDITION("sequence step condition"),
  SEQUENCE_OUTPUT("sequence output");

  private final String text;

  ItemType(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** Item kinds that name a top-level rules-file item (used to pick the item a message is about). */
  boolean isTopLevelItem() {
    return this == LIST || this == MACRO || this == RULE || this == REQUIRED_ENGINE_VERSION
        || this == REQUIRED_PLUGIN_VERSIONS || this == SEQUENCE || this == RULES_CONTENT_ITEM;
  }
}
