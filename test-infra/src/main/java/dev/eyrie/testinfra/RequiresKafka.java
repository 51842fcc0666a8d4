package dev.eyrie.testinfra;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test (class or method) needs a real Kafka broker. Declare a {@link KafkaServer} parameter to get it, or call
 * {@link RealInfra#kafka()}. Where the broker comes from, and what happens when none can be had, is described on
 * {@link RealInfra}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealInfra.class)
public @interface RequiresKafka {}
