package dev.eyrie.jobs.source;

import dev.eyrie.schema.Event;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Events go on; dead letters leave through a side output. Chained to the source, so nothing is copied. */
public final class SplitDeadLetters extends ProcessFunction<Either<Event, DeadLetter>, Event> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  @Override
  public void processElement(Either<Event, DeadLetter> value, Context ctx, Collector<Event> out) {
    if (value.isLeft()) {
      out.collect(value.left());
    } else {
      ctx.output(DEAD_LETTERS, value.right());
    }
  }
}
