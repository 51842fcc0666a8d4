package dev.eyrie.cli;

import picocli.CommandLine;

final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Eyrie.class.getPackage().getImplementationVersion();
    return new String[] {"eyrie " + (v == null ? "development build" : v)};
  }
}
