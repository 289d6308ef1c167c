package org.regnet.chaincode.model;

/**
 * Information one member shared with its college (decision 0035): in the pair collection of the
 * sharing authority with each other member.
 */
public record CollegeItem(
    String itemId,
    String collegeId,
    String sharedBy,
    Actor actor,
    String sharedAt,
    String title,
    String information) {}
