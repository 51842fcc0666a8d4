package dev.eyrie.jobs.sink.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Buffered, not yet acknowledged documents survive a checkpoint and are sent again after a restore. */
public final class EsDocumentStateSerializer extends AsyncSinkWriterStateSerializer<EsDocument> {

  @Override
  protected void serializeRequestToStream(EsDocument d, DataOutputStream out) throws IOException {
    out.writeUTF(d.index());
    out.writeUTF(d.id());
    out.writeInt(d.source().length);
    out.write(d.source());
  }

  @Override
  protected EsDocument deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
    String index = in.readUTF();
    String id = in.readUTF();
    byte[] source = new byte[in.readInt()];
    in.readFully(source);
    return new EsDocument(index, id, source, 0);
  }

  @Override
  public int getVersion() {
    return 1;
  }
}
