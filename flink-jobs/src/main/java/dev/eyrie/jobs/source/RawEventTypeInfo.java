package dev.eyrie.jobs.source;

import java.lang.reflect.Type;
import java.util.Map;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information for {@link RawEvent}: always {@link RawEventSerializer}. */
public final class RawEventTypeInfo extends TypeInformation<RawEvent> {
  private static final long serialVersionUID = 1L;
  public static final RawEventTypeInfo INSTANCE = new RawEventTypeInfo();

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<RawEvent> getTypeClass() {
    return RawEvent.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<RawEvent> createSerializer(SerializerConfig config) {
    return RawEventSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "RawEvent";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawEventTypeInfo;
  }

  @Override
  public int hashCode() {
    return RawEventTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof RawEventTypeInfo;
  }

  /** Lets Flink's type extraction find this type information from the {@code @TypeInfo} annotation. */
  public static final class Factory extends TypeInfoFactory<RawEvent> {
    @Override
    public TypeInformation<RawEvent> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
      return INSTANCE;
    }
  }
}
