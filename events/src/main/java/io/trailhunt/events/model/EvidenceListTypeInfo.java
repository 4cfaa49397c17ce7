package io.trailhunt.events.model;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.util.List;

/** The type of evidence lists: serialized by {@link EvidenceListSerializer}. */
public final class EvidenceListTypeInfo extends TypeInformation<List<Evidence>> {
    private static final long serialVersionUID = 1L;

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
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<List<Evidence>> getTypeClass() {
        return (Class) List.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<List<Evidence>> createSerializer(SerializerConfig config) {
        return EvidenceListSerializer.INSTANCE;
    }

    @Override
    @Deprecated
    public TypeSerializer<List<Evidence>> createSerializer(ExecutionConfig config) {
        return EvidenceListSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "List<Evidence>";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvidenceListTypeInfo;
    }

    @Override
    public int hashCode() {
        return EvidenceListTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof EvidenceListTypeInfo;
    }
}
