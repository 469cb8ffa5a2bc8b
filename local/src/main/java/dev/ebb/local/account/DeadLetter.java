package dev.ebb.local.account;

/**
 * One input the dead-letter queue holds, with the reason the worker gave ({@code ebb-reason}) or,
 * for a message SQS moved there by itself after too many receives, {@code redriven}.
 */
public record DeadLetter(String key, String reason, String detail) {}
