package org.regnet.chaincode.model;

import java.util.List;

/**
 * A college (MiCA Art. 119): a case shared by three or more member authorities of one treaty
 * (decision 0035). Each member's copy lives in its pair collections with the other members, so only
 * the members' peers hold it.
 *
 * @param members the member authorities' MSP ids, ascending, the forming one included
 * @param formedBy the MSP id of the authority that formed it
 */
public record College(
    String collegeId,
    String treatyId,
    String title,
    List<String> members,
    String formedBy,
    String formedAt) {

  public College {
    members = List.copyOf(members);
  }
}
