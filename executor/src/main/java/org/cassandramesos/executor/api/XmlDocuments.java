package org.cassandramesos.executor.api;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/** The seed-000 XML documents, written and read with StAX (never by string concatenation). */
public final class XmlDocuments {
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final XMLInputFactory INPUT = safeInput();

    private XmlDocuments() {}

    /** {@code <xml><status>Running|Stopped</status><error><![CDATA[...]]></error></xml>} */
    public static String status(boolean running, String error) {
        return document(w -> {
            element(w, "status", running ? "Running" : "Stopped");
            w.writeStartElement("error");
            writeCData(w, error);
            w.writeEndElement();
        });
    }

    /** {@code <xml><auto-snapshot>T|F</auto-snapshot><last-snapshot>…</last-snapshot></xml>} */
    public static String snapshot(boolean autoSnapshot, Optional<String> lastSnapshot) {
        return document(w -> {
            element(w, "auto-snapshot", autoSnapshot ? "T" : "F");
            element(w, "last-snapshot", lastSnapshot.orElse(""));
        });
    }

    /** The outcome of {@code POST /restore}. */
    public static String restore(String tag, List<String> restored, List<String> failed) {
        return document(w -> {
            element(w, "restore", tag);
            element(w, "status", failed.isEmpty() ? "Restored" : "Failed");
            w.writeStartElement("tables");
            for (String table : restored) {
                element(w, "table", table);
            }
            w.writeEndElement();
            w.writeStartElement("error");
            writeCData(w, String.join("\n", failed));
            w.writeEndElement();
        });
    }

    /**
     * {@code POST /restore} of a backup: a node job restores it ({@code GET /v1/jobs/{job}} follows it).
     * {@code <xml><restore>NAME</restore><source>backup</source><status>Started</status><job>ID</job></xml>}
     */
    public static String restoreStarted(String backup, String job) {
        return document(w -> {
            element(w, "restore", backup);
            element(w, "source", "backup");
            element(w, "status", "Started");
            element(w, "job", job);
        });
    }

    /** An error answer on the XML routes. */
    public static String error(String message) {
        return document(w -> {
            w.writeStartElement("error");
            writeCData(w, message);
            w.writeEndElement();
        });
    }

    /**
     * Reads {@code <xml><snapshot>True|False</snapshot></xml>}.
     *
     * @throws IllegalArgumentException with a message for the client when the body is not that
     */
    public static boolean snapshotRequested(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("expected a body <xml><snapshot>True</snapshot></xml>");
        }
        try {
            XMLStreamReader reader = INPUT.createXMLStreamReader(new StringReader(body));
            try {
                reader.nextTag();
                if (!"xml".equals(reader.getLocalName())) {
                    throw new IllegalArgumentException(
                            "the root element must be <xml>, not <" + reader.getLocalName() + ">");
                }
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT && "snapshot".equals(reader.getLocalName())) {
                        return bool(reader.getElementText().trim());
                    }
                }
                throw new IllegalArgumentException("missing <snapshot>True|False</snapshot> in <xml>");
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("the body is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** {@code True|False} in any case (the seed's Python spelling and the usual one). */
    public static boolean bool(String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new IllegalArgumentException("expected True or False, got '" + value + "'");
    }

    /**
     * Writes text as CDATA that stays well-formed whatever it holds: a {@code ]]>} inside is split across two CDATA
     * sections, and characters XML 1.0 cannot carry are replaced.
     */
    static void writeCData(XMLStreamWriter w, String text) throws XMLStreamException {
        String clean = xmlSafe(text == null ? "" : text);
        int from = 0;
        int end;
        while ((end = clean.indexOf("]]>", from)) >= 0) {
            w.writeCData(clean.substring(from, end + 2)); // ...]]
            from = end + 2; // > starts the next section
        }
        w.writeCData(clean.substring(from));
    }

    static String xmlSafe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            out.appendCodePoint(allowed ? c : 0xFFFD);
        });
        return out.toString();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(xmlSafe(text));
        w.writeEndElement();
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String document(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out);
            w.writeStartElement("xml");
            body.write(w);
            w.writeEndElement();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static XMLInputFactory safeInput() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
