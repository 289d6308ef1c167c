package org.regnet.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.regnet.chaincode.request.NoFields;
import org.regnet.chaincode.service.EvidenceService;

/**
 * Chain of custody of documents sent node to node (docs/chaincode-api.md, "evidence"). Every detail
 * arrives in the transient map, so the transaction's arguments carry nothing.
 */
@Contract(
    name = "evidence",
    info = @Info(title = "regnet evidence custody", version = MetaContract.VERSION))
public final class EvidenceContract extends RegnetContract {

  @Override
  String area() {
    return "evidence";
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String pin(final Context ctx, final String request) {
    request(request, NoFields.class);
    return json(EvidenceService.pin(rc(ctx)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String receive(final Context ctx, final String request) {
    request(request, NoFields.class);
    return json(EvidenceService.receive(rc(ctx)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String get(final Context ctx, final String request) {
    request(request, NoFields.class);
    return json(EvidenceService.get(rc(ctx)));
  }
}
