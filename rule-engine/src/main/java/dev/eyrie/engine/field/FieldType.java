package dev.eyrie.engine.field;

/** Value types of fields, after libsinsp's ppm_param_type families that matter for comparison. */
public enum FieldType {
  STRING,
  INT64,
  UINT64,
  PORT,
  BOOL,
  IPADDR,
  IPNET,
  BYTEBUF,
  RELTIME,
  ABSTIME;

  public boolean numeric() {
    return this == INT64 || this == UINT64 || this == PORT || this == RELTIME || this == ABSTIME;
  }

  /** Name as libsinsp prints it in type errors. */
  public String falcoName() {
    return switch (this) {
      case STRING -> "CHARBUF";
      case INT64 -> "INT64";
      case UINT64 -> "UINT64";
      case PORT -> "PORT";
      case BOOL -> "BOOL";
      case IPADDR -> "IPADDR";
      case IPNET -> "IPNET";
      case BYTEBUF -> "BYTEBUF";
      case RELTIME -> "RELTIME";
      case ABSTIME -> "ABSTIME";
    };
  }
}
