package org.regnet.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.regnet.chaincode.request.AuditRequest;
import org.regnet.chaincode.service.AuditService;

/** Audit trail queries (docs/chaincode-api.md, "audit"). */
@Contract(
    name = "audit",
    info = @Info(title = "regnet audit trail", version = MetaContract.VERSION))
public final class AuditContract extends RegnetContract {

  @Override
  String area() {
    return "audit";
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String byObject(final Context ctx, final String request) {
    return json(AuditService.byObject(rc(ctx), request(request, AuditRequest.ByObject.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String byActor(final Context ctx, final String request) {
    return json(AuditService.byActor(rc(ctx), request(request, AuditRequest.ByActor.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String byTimeRange(final Context ctx, final String request) {
    return json(AuditService.byTime(rc(ctx), request(request, AuditRequest.ByTime.class)));
  }
}
