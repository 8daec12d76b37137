using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>Opens an <see cref="InputFile"/> (through <see cref="IInputFileSystem"/>) as a row reader, decompressing gzip on the fly.</summary>
internal sealed class InputFileReader : IDisposable
{
    private readonly Stream _file;
    private readonly Stream _stream;

    private InputFileReader(Stream file, Stream stream, IRowReader rows, RecordSchema schema)
    {
        _file = file;
        _stream = stream;
        Rows = rows;
        Schema = schema;
    }

    public IRowReader Rows { get; }

    public RecordSchema Schema { get; }

    /// <summary>Bytes of the file (compressed, if gzip) read so far, for progress by bytes.</summary>
    public long BytesRead => _file.Position;

    public static InputFileReader Open(IInputFileSystem files, InputFile input, ReaderOptions options)
    {
        var file = files.OpenRead(input);
        Stream? stream = null;
        try
        {
            stream = input.Gzip ? new GzipCheckedStream(file) : file;
            var schema = RecordSchema.For(input.Kind);
            IRowReader rows = input.Format == InputFormat.Csv
                ? CsvRowReader.Open(stream, schema, options)
                : JsonLinesRowReader.Open(stream, schema, options);
            return new InputFileReader(file, stream, rows, schema);
        }
        catch
        {
            stream?.Dispose();
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Rows.Dispose();
        _stream.Dispose();
        _file.Dispose();
    }
}
