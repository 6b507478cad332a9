@{
    RootModule           = 'YtPipe.PowerShell.dll'
    # Stamped by build.ps1 from VersionPrefix in Directory.Build.props, the one source of the version.
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0f3c2e-8d0a-4c47-9a55-2f4f6f1b7e21'
    Author               = 'YtPipe contributors'
    CompanyName          = 'YtPipe contributors'
    Copyright            = '(c) YtPipe contributors. MIT License.'
    Description          = 'Local transcription with Whisper (whisper.cpp): files, folders and YouTube downloads, in parallel across CPU cores or GPUs. Requires PowerShell 7.4 or later and ffmpeg; Windows PowerShell 5.1 is not supported.'
    # PowerShell 7.4+ runs on .NET 8+, which the engine (Whisper.net net8.0) needs; Windows PowerShell 5.1 cannot load it.
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('YtPipe.format.ps1xml', 'YtPipe.Download.format.ps1xml', 'YtPipe.Models.format.ps1xml')
    CmdletsToExport      = @('Invoke-YtTranscription', 'Get-YtGpu', 'Save-YtAudio', 'Start-YtPipeline', 'Get-YtModel', 'Save-YtModel', 'ConvertTo-YtSubtitle', 'Get-YtTranscriptionReport')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('whisper', 'transcription', 'speech-to-text', 'youtube', 'ffmpeg', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            # Where the project lives; the LICENSE file itself ships in the package.
            ProjectUri   = 'https://github.com/ytpipe/ytpipe'
            ReleaseNotes = 'Invoke-YtTranscription, Start-YtPipeline and Save-YtAudio: local Whisper transcription of files, folders and yt-dlp downloads, in parallel on CPU cores or NVIDIA GPUs; Get-YtModel and Save-YtModel manage the model catalog; a one-line batch summary through Write-Information. Native runtimes for linux-x64/arm64/arm, win-x64/arm64/x86 and macOS x64/arm64.'
        }
    }
}
