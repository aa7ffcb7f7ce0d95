package org.cassandramesos.bench.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.mesos.ProtoJson;
import org.cassandramesos.mesos.RecordIO;
import org.junit.jupiter.api.Test;

class OffersEventsTest {
    @Test
    void benchmarkInputDecodesBackToTheSameEvents() throws Exception {
        byte[] wire = OffersEvents.wire(100, 3);
        List<byte[]> records = new RecordIO.Decoder().feed(wire);
        assertThat(records).hasSize(3);
        Event event = ProtoJson.parse(records.get(2), Event.newBuilder());
        assertThat(event).isEqualTo(OffersEvents.offersEvent(100));
        assertThat(event.getOffers().getOffers(99).getResourcesList()).hasSize(7);
    }
}
