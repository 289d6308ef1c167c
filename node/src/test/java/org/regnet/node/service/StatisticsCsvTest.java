package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StatisticsCsvTest {

  @Test
  void one_row_per_counterparty_and_direction_with_unsolicited_apart_and_empty_missing_times()
      throws Exception {
    String csv =
        StatisticsCsv.render(
            new ObjectMapper()
                .readTree(
                    """
                    {"authority":"AlpineMSP","counterparties":[{"counterparty":"HarbourMSP",
                      "sent":{"requests":3,"acknowledged":2,"answered":2,"overdue":1,
                        "acknowledgeMedianSeconds":86401,"acknowledgeP90Seconds":259201,
                        "finalReplyMedianSeconds":259202,"finalReplyP90Seconds":950402,
                        "refusalsByGround":{"PUBLIC_INTEREST":1,"PREJUDICE_TO_OWN_INVESTIGATION":1}},
                      "received":{"requests":0,"acknowledged":0,"answered":0,"overdue":0,
                        "refusalsByGround":{}},
                      "unsolicitedSent":0,"unsolicitedReceived":2}]}"""));

    assertThat(csv.split("\r\n"))
        .containsExactly(
            String.join(",", StatisticsCsv.COLUMNS),
            "AlpineMSP,HarbourMSP,sent,3,0,2,2,1,86401,259201,259202,950402,"
                + "PUBLIC_INTEREST=1;PREJUDICE_TO_OWN_INVESTIGATION=1",
            "AlpineMSP,HarbourMSP,received,0,2,0,0,0,,,,,");
  }
}
