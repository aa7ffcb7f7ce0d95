package org.cassandramesos.scheduler.offer;

/** A node that already has a place, as far as placement constraints are concerned. */
public record PlacedNode(String nodeName, AgentFacts agent) {}
