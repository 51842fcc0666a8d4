package dev.eyrie.jobs.correlate.bench;
import dev.eyrie.jobs.correlate.SequenceRules;
import dev.eyrie.schema.Event;
import java.nio.file.Path;
import java.util.List;
public final class BenchProbe {
  public static void main(String[] a) throws Exception {
    Path root = Path.of("/work/main");
    SequenceRules rules = SequenceRules.read(List.of(root.resolve("rules/eyrie_rules.yaml"), root.resolve("rules/eyrie_sequences.yaml")));
    CorrelateBench.Generator g = new CorrelateBench.Generator(1_000_000, 10_000);
    Event t = Event.newBuilder(g.base).build(); t.getFd().setIsServer(false);
    for (long i : new long[] {990, 998, 1990, 1998, 700, 900, 960}) {
      Event e = g.event(i, Event.newBuilder(t).build());
      System.out.println(i + " " + e.getType() + " " + e.getProc().getName() + " anc0=" + e.getAncestors().get(0).getName() + " fd=" + e.getFd() + " ips=" + e.getHost().getIps() + " -> " + rules.matcher().match(e));
    }
  }
}
