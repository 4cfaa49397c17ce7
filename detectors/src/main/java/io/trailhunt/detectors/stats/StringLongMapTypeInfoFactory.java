package io.trailhunt.detectors.stats;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.lang.reflect.Type;
import java.util.Map;

/** Serializes {@code Map<String, Long>} POJO fields with Flink's MapSerializer instead of Kryo. */
public class StringLongMapTypeInfoFactory extends TypeInfoFactory<Map<String, Long>> {
    @Override
    public TypeInformation<Map<String, Long>> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return Types.MAP(Types.STRING, Types.LONG);
    }
}
