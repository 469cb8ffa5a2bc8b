package dev.ebb.controller.lambda;

import dev.ebb.controller.cycle.CycleReport;

/** A cycle's status and its rendered decision line. */
public record Decision(CycleReport.Status status, String line) {}
