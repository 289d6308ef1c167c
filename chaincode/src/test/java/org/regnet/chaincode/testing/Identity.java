package org.regnet.chaincode.testing;

import com.google.protobuf.ByteString;
import java.security.cert.X509Certificate;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** A client identity: MSP id and PEM certificate, serialised as Fabric's SerializedIdentity. */
public record Identity(String msp, String pem, X509Certificate cert) {

  public byte[] serialized() {
    return SerializedIdentity.newBuilder()
        .setMspid(msp)
        .setIdBytes(ByteString.copyFromUtf8(pem))
        .build()
        .toByteArray();
  }
}
