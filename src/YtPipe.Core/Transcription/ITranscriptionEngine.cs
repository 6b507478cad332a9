namespace YtPipe.Core.Transcription;

/// <summary>Loads models. The batch asks it once per device, however many workers share the device.</summary>
public interface ITranscriptionEngine
{
    /// <summary>Loads the model on <paramref name="device"/>.</summary>
    /// <exception cref="Errors.ModelInvalidException">The model cannot be loaded.</exception>
    ITranscriptionModel LoadModel(DeviceSpec device);
}
