package io.trailhunt.events.model;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** Serializes {@code List<String>} POJO fields with Flink's ListSerializer instead of Kryo. */
public class StringListTypeInfoFactory extends TypeInfoFactory<List<String>> {
    @Override
    public TypeInformation<List<String>> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return Types.LIST(Types.STRING);
    }
}
