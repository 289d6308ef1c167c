package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.ok;

import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;

class TransferBasisTest {

  private final Fixture f = new Fixture();

  private String proposal(final String basis) {
    return Fixture.agreementRequest(HARBOUR)
        .replace("\"validFrom\"", "\"transferBasis\":\"" + basis + "\",\"validFrom\"");
  }

  @Test
  void an_agreement_records_its_gdpr_transfer_basis() {
    f.foundTreaty();
    final String basis =
        ok(f.net.submit(admin(ALPINE), "agreement:propose", proposal("ADMINISTRATIVE_ARRANGEMENT")))
            .json()
            .get("transferBasis")
            .asText();
    assertThat(basis).isEqualTo("ADMINISTRATIVE_ARRANGEMENT");
  }

  @Test
  void an_unknown_transfer_basis_is_refused() {
    f.foundTreaty();
    assertThat(f.net.submit(admin(ALPINE), "agreement:propose", proposal("CONSENT")).errorCode())
        .isEqualTo("VALIDATION_FAILED");
  }
}
