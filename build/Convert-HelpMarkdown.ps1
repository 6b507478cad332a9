#!/usr/bin/env pwsh

<#
.SYNOPSIS
    Turns cmdlet help written in Markdown into the MAML file that Get-Help reads for binary cmdlets.
.DESCRIPTION
    Reads every DocsPath/Verb-Noun.md (one per cmdlet) and writes them all into one MAML file,
    OutputPath (e.g. out/YtPipe/en-US/YtPipe.PowerShell.dll-Help.xml), UTF-8 without BOM. Each
    DocsPath/about_*.md is written beside it as about_*.help.txt (plain text: no '#' or fences).

    The Markdown follows platyPS. Headings inside fenced code are not headings.

        # Invoke-YtTranscription
        ## SYNOPSIS            required: one paragraph
        ## SYNTAX              ignored (the syntax comes from the cmdlet or the PARAMETERS section)
        ## DESCRIPTION         paragraphs
        ## EXAMPLES
        ### Example 1: Title   a fenced code block is required: the first one is the code; the
                               paragraphs (and any further code blocks) after it are the remarks
        ## PARAMETERS
        ### -Path              paragraphs, then optionally a ```yaml block:
                                 Type: String[]               Parameter Sets: (All) | A, B
                                 Aliases: LP                  Required: True
                                 Position: 0 | Named          Default value: None
                                 Accept pipeline input: True (ByValue, ByPropertyName)
                                 Accept wildcard characters: True
        ### CommonParameters   ignored
        ## INPUTS / ## OUTPUTS one '### TypeName' per type, each followed by paragraphs
        ## NOTES               paragraphs
        ## RELATED LINKS       one link per line: [about_YtPipe](about_YtPipe.md) or [Text](https://...)

    Paragraphs are separated by blank lines; the lines of one paragraph are joined, except list
    items ('- ', '* ', '1. '), which stay one per line.

    With -ModulePath the module is imported into this session and the syntax (one item per
    parameter set) and each parameter's type, required, position, pipeline input, aliases,
    wildcards and default (read from a new instance of the cmdlet) come from the cmdlet itself;
    the yaml's 'Accept wildcard characters' and a 'Default value' other than None still win (the
    cmdlet's default may be $null, meaning 'chosen later'). Parameters the cmdlet has but the
    Markdown lacks, and the reverse, are warnings. WhatIf and Confirm get a standard description
    when the Markdown has none. Without -ModulePath everything comes from the yaml blocks.

    A file without a SYNOPSIS, or with an example that has no fenced code block, is a terminating
    error that names the file and the section; no help file is written then.

    Importing the module locks its assembly into the process, so call this script in a child
    process when the module is the one being built.
.PARAMETER DocsPath
    The folder of Markdown help files.
.PARAMETER OutputPath
    The MAML file to write; its folder is created if missing and receives the about_*.help.txt files.
.PARAMETER ModulePath
    The built module (folder or manifest) whose cmdlets the Markdown documents.
.EXAMPLE
    pwsh -NoProfile -File build/Convert-HelpMarkdown.ps1 -DocsPath docs -OutputPath out/YtPipe/en-US/YtPipe.PowerShell.dll-Help.xml -ModulePath out/YtPipe
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath,
    [string] $ModulePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters
$standardDescriptions = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}
$utf8 = [System.Text.UTF8Encoding]::new($false)

# Reads a Markdown file as: Title (the '#' heading) and Sections ('##' heading -> list of
# subsections @{ Title = '###' heading or ''; Blocks = list of @{ Kind = 'text'|'code'; Lang; Lines } }).
function Read-HelpMarkdown([string] $file) {
    $doc = @{ Title = $null; Sections = [ordered]@{} }   # [ordered] keys are case-insensitive
    $blocks = $null; $code = $null
    $para = [System.Collections.Generic.List[string]]::new()
    $flush = { if ($para.Count -and $null -ne $blocks) { $blocks.Add(@{ Kind = 'text'; Lang = ''; Lines = $para.ToArray() }) }; $para.Clear() }
    foreach ($line in [System.IO.File]::ReadAllLines($file)) {
        if ($code) {
            if ($line -match '^\s*(```|~~~)\s*$') { if ($null -ne $blocks) { $blocks.Add($code) }; $code = $null }
            else { $code.Lines.Add($line) }
        }
        elseif ($line -match '^\s*(```|~~~)\s*([\w-]*)') {
            . $flush
            $code = @{ Kind = 'code'; Lang = $Matches[2]; Lines = [System.Collections.Generic.List[string]]::new() }
        }
        elseif ($line -match '^(#{1,3})\s+(.*?)\s*$') {
            . $flush
            $title = $Matches[2]
            switch ($Matches[1].Length) {
                1 { $doc.Title = $title; $blocks = $null }
                2 { $section = [System.Collections.Generic.List[object]]::new(); $doc.Sections[$title] = $section
                    $blocks = [System.Collections.Generic.List[object]]::new(); $section.Add(@{ Title = ''; Blocks = $blocks }) }
                3 { if ($doc.Sections.Count) { $blocks = [System.Collections.Generic.List[object]]::new(); $section.Add(@{ Title = $title; Blocks = $blocks }) } }
            }
        }
        elseif ($line.Trim()) { $para.Add($line.Trim()) }
        else { . $flush }
    }
    if ($code) { throw "${file}: a code block is never closed." }
    . $flush
    $doc
}

# Blocks -> paragraph strings. Code blocks keep their lines (Get-Help indents every line of a
# paragraph alike, but trims the first, so an indent of our own would skew it); list items stay one per line.
function ConvertTo-Paragraphs($blocks) {
    foreach ($b in $blocks) {
        if ($b.Kind -eq 'code') { $b.Lines -join "`n"; continue }
        $items = [System.Collections.Generic.List[string]]::new()
        foreach ($l in $b.Lines) {
            if ($l -match '^([-*+]|\d+[.)])\s' -or $items.Count -eq 0) { $items.Add($l) } else { $items[$items.Count - 1] += " $l" }
        }
        $items -join "`n"
    }
}

function Get-SectionBlocks($doc, [string] $name) {
    if (-not $doc.Sections.Contains($name)) { return @() }
    @($doc.Sections[$name] | ForEach-Object { $_.Blocks } | ForEach-Object { $_ })
}

function Get-TypeName([type] $t) {
    if ($t.IsArray) { return (Get-TypeName $t.GetElementType()) + '[]' }
    if ($t.IsGenericType) {
        $typeArgs = @($t.GetGenericArguments() | ForEach-Object { Get-TypeName $_ })
        if ($t.GetGenericTypeDefinition() -eq [Nullable`1]) { return $typeArgs[0] }
        return ($t.Name -replace '`.*') + "[$($typeArgs -join ', ')]"
    }
    $t.Name
}

# The parameters documented in the Markdown, in order: name -> @{ Name; Paras; Yaml }.
function Get-DocumentedParameters($doc) {
    $result = [ordered]@{}
    if (-not $doc.Sections.Contains('PARAMETERS')) { return $result }
    foreach ($sub in $doc.Sections['PARAMETERS']) {
        if ($sub.Title -notmatch '^-(\w+)$') { continue }   # the intro text and '### CommonParameters'
        $name = $Matches[1]
        $yaml = @{}
        foreach ($b in @($sub.Blocks | Where-Object { $_.Kind -eq 'code' -and $_.Lang -eq 'yaml' })) {
            foreach ($l in $b.Lines) { if ($l -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $yaml[$Matches[1]] = $Matches[2] } }
        }
        $result[$name] = @{ Name = $name; Yaml = $yaml
            Paras = @(ConvertTo-Paragraphs @($sub.Blocks | Where-Object { $_.Lang -ne 'yaml' })) }
    }
    $result
}

# One parameter as the writer wants it, from the yaml alone.
function New-ParameterFromYaml($d) {
    $y = $d.Yaml
    $get = { param($key, $default) if ($y.ContainsKey($key) -and $y[$key]) { $y[$key] } else { $default } }
    $type = & $get 'Type' 'Object'
    $sets = & $get 'Parameter Sets' '(All)'
    @{ Name = $d.Name; Paras = $d.Paras; Type = $type; IsSwitch = $type -eq 'SwitchParameter'
        Required = (& $get 'Required' 'False') -match '^true'; Position = (& $get 'Position' 'named').ToLowerInvariant()
        Pipeline = & $get 'Accept pipeline input' 'False'; Globbing = (& $get 'Accept wildcard characters' 'False') -match '^true'
        Aliases = & $get 'Aliases' 'none'; Default = & $get 'Default value' 'None'
        Sets = if ($sets -eq '(All)') { @() } else { @($sets -split '\s*,\s*') } }
}

function Format-PipelineInput([bool] $byValue, [bool] $byName) {
    if (-not ($byValue -or $byName)) { return 'False' }
    "True ($(@(if ($byValue) { 'ByValue' }; if ($byName) { 'ByPropertyName' }) -join ', '))"
}

# One parameter from the cmdlet's metadata; $instance (a new cmdlet object) supplies defaults.
function New-ParameterFromCommand($meta, $d, $instance) {
    $sets = @($meta.ParameterSets.Values)
    $positional = @($sets | Where-Object { $_.Position -ge 0 })
    $default = 'None'
    if ($d -and $d.Yaml['Default value'] -and $d.Yaml['Default value'] -ne 'None') { $default = $d.Yaml['Default value'] }
    elseif ($meta.SwitchParameter) { $default = 'False' }
    elseif ($instance -and ($prop = $instance.GetType().GetProperty($meta.Name))) {
        $value = try { $prop.GetValue($instance) } catch { $null }
        $text = @($value | ForEach-Object { "$_" }) -join ', '   # arrays unroll; $null gives ''
        if ($text) { $default = $text }
    }
    $paras = if ($d) { $d.Paras } else { @() }
    if (-not $paras -and $standardDescriptions.ContainsKey($meta.Name)) { $paras = @($standardDescriptions[$meta.Name]) }
    @{ Name = $meta.Name; Paras = $paras; Type = Get-TypeName $meta.ParameterType; IsSwitch = $meta.SwitchParameter
        Required = @($sets | Where-Object { -not $_.IsMandatory }).Count -eq 0
        Position = if ($positional) { "$($positional[0].Position)" } else { 'named' }
        Pipeline = Format-PipelineInput (@($sets | Where-Object ValueFromPipeline).Count -gt 0) (@($sets | Where-Object ValueFromPipelineByPropertyName).Count -gt 0)
        Globbing = if ($d -and $d.Yaml['Accept wildcard characters']) { $d.Yaml['Accept wildcard characters'] -match '^true' }
                   else { @($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0 }
        Aliases = if ($meta.Aliases.Count) { $meta.Aliases -join ', ' } else { 'none' }
        Default = $default; Sets = @($meta.ParameterSets.Keys | Where-Object { $_ -ne '__AllParameterSets' }) }
}

# Positional parameters first, by position; then the rest in their order.
function Sort-Syntax($params) {
    if (-not $params) { return @() }   # a cmdlet without parameters of its own
    $i = 0
    @($params | ForEach-Object { [pscustomobject]@{ P = $_; Key = if ($_.Position -match '^\d+$') { [int]$_.Position } else { [int]::MaxValue }; I = $i++ } } |
        Sort-Object Key, I | ForEach-Object P)
}

# Each syntax item is a list of parameter hashtables (copies, with the set's own required/position/pipeline).
function Get-SyntaxItems($params, $command) {
    if ($command) {
        $sets = @($command.ParameterSets | Sort-Object { -not $_.IsDefault })   # stable: the default set first
        foreach ($set in $sets) {
            $items = foreach ($sp in $set.Parameters) {
                if (-not $params.Contains($sp.Name)) { continue }   # common parameters
                $p = $params[$sp.Name].Clone()
                $p.Required = $sp.IsMandatory
                $p.Position = if ($sp.Position -ge 0) { "$($sp.Position)" } else { 'named' }
                $p.Pipeline = Format-PipelineInput $sp.ValueFromPipeline $sp.ValueFromPipelineByPropertyName
                $p
            }
            , (Sort-Syntax $items)
        }
        return
    }
    $setNames = @($params.Values | ForEach-Object { $_.Sets } | Select-Object -Unique)
    if (-not $setNames) { return , (Sort-Syntax @($params.Values)) }
    foreach ($s in $setNames) { , (Sort-Syntax @($params.Values | Where-Object { -not $_.Sets -or $s -in $_.Sets })) }
}

# --- MAML writing: 'prefix:name' element names map onto the namespaces above.
function Open([string] $name, [System.Collections.IDictionary] $attributes = @{}) {
    $prefix, $local = $name -split ':'
    $writer.WriteStartElement($prefix, $local, $ns[$prefix])
    foreach ($k in $attributes.Keys) { $writer.WriteAttributeString($k, [string]$attributes[$k]) }
}
function Close { $writer.WriteEndElement() }
function Leaf([string] $name, [string] $text) { Open $name; $writer.WriteString($text); Close }
function Write-Description($paras, [string] $name = 'maml:description') { Open $name; foreach ($p in $paras) { Leaf 'maml:para' $p }; Close }
function Write-Parameter($p, [bool] $inSyntax) {
    $bool = { param($v) if ($v) { 'true' } else { 'false' } }
    Open 'command:parameter' ([ordered]@{ required = & $bool $p.Required; variableLength = & $bool ($p.Type -like '*[[]]')
        globbing = & $bool $p.Globbing; pipelineInput = $p.Pipeline; position = $p.Position; aliases = $p.Aliases })
    Leaf 'maml:name' $p.Name
    Write-Description $p.Paras
    # A switch shows no value in the syntax ('[-Force]'); Get-Help takes the value text from here.
    if (-not ($inSyntax -and $p.IsSwitch)) {
        Open 'command:parameterValue' ([ordered]@{ required = & $bool (-not $p.IsSwitch); variableLength = 'false' })
        $writer.WriteString($p.Type); Close
    }
    Open 'dev:type'; Leaf 'maml:name' $p.Type; Close
    Leaf 'dev:defaultValue' $p.Default
    Close
}
function Write-TypeList($doc, [string] $section, [string] $listName, [string] $itemName) {
    if (-not $doc.Sections.Contains($section)) { return }
    Open $listName
    foreach ($sub in $doc.Sections[$section]) {
        $paras = @(ConvertTo-Paragraphs $sub.Blocks)
        $type = $sub.Title
        if (-not $type) { if (-not $paras) { continue }; $type, $paras = $paras }   # a bare 'None' paragraph
        Open $itemName; Open 'dev:type'; Leaf 'maml:name' $type; Close; Write-Description $paras; Close
    }
    Close
}

function Write-Command($doc, [string] $file, [string] $name, $command) {
    $synopsis = @(ConvertTo-Paragraphs (Get-SectionBlocks $doc 'SYNOPSIS'))
    if (-not $synopsis) { throw "${file}: section '## SYNOPSIS' is missing or empty." }
    $documented = Get-DocumentedParameters $doc
    $params = [ordered]@{}
    if ($command) {
        $instance = $null
        # A fresh cmdlet object holds the defaults of its properties. It is never run, so it is not disposed
        # either (Dispose may touch the engine, which need not load here).
        if ($command -is [System.Management.Automation.CmdletInfo]) { try { $instance = [Activator]::CreateInstance($command.ImplementingType) } catch { } }
        foreach ($meta in $command.Parameters.Values) {
            if ($meta.Name -in $commonParameters -or $meta.Name -eq 'UseTransaction') { continue }
            if (-not $documented.Contains($meta.Name) -and -not $standardDescriptions.ContainsKey($meta.Name)) {
                Write-Warning "${file}: parameter -$($meta.Name) of $name is not documented." }
            $params[$meta.Name] = New-ParameterFromCommand $meta $documented[$meta.Name] $instance
        }
        foreach ($n in $documented.Keys) { if (-not $params.Contains($n)) { Write-Warning "${file}: $name has no parameter -$n, but it is documented." } }
    }
    else { foreach ($d in $documented.Values) { $params[$d.Name] = New-ParameterFromYaml $d } }

    Open 'command:command'
    foreach ($prefix in 'maml', 'command', 'dev') { $writer.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }
    Open 'command:details'
    Leaf 'command:name' $name; Leaf 'command:verb' ($name -split '-', 2)[0]; Leaf 'command:noun' ($name -split '-', 2)[1]
    Write-Description $synopsis
    Close
    Write-Description @(ConvertTo-Paragraphs (Get-SectionBlocks $doc 'DESCRIPTION'))
    Open 'command:syntax'
    $syntaxItems = @(Get-SyntaxItems $params $command)
    if ($syntaxItems.Count -eq 0) { $syntaxItems = @(, @()) }   # no parameters of its own: still one syntax line
    foreach ($item in $syntaxItems) { Open 'command:syntaxItem'; Leaf 'maml:name' $name; foreach ($p in $item) { Write-Parameter $p $true }; Close }
    Close
    Open 'command:parameters'; foreach ($p in $params.Values) { Write-Parameter $p $false }; Close
    Write-TypeList $doc 'INPUTS' 'command:inputTypes' 'command:inputType'
    Write-TypeList $doc 'OUTPUTS' 'command:returnValues' 'command:returnValue'
    $notes = @(ConvertTo-Paragraphs (Get-SectionBlocks $doc 'NOTES'))
    if ($notes) { Open 'maml:alertSet'; Write-Description $notes 'maml:alert'; Close }
    Open 'command:examples'
    if ($doc.Sections.Contains('EXAMPLES')) {
        foreach ($ex in @($doc.Sections['EXAMPLES'] | Where-Object Title)) {
            $codeAt = [array]::FindIndex([object[]]@($ex.Blocks), [Predicate[object]] { param($b) $b.Kind -eq 'code' })
            if ($codeAt -lt 0) { throw "${file}: section '## EXAMPLES', '### $($ex.Title)' has no fenced code block." }
            Open 'command:example'
            Leaf 'maml:title' "-------------------------- $($ex.Title) --------------------------"
            Leaf 'dev:code' ($ex.Blocks[$codeAt].Lines -join "`n")
            # The empty paragraph puts a blank line before the next example's title.
            Write-Description (@(ConvertTo-Paragraphs @($ex.Blocks | Select-Object -Skip ($codeAt + 1))) + @('')) 'dev:remarks'
            Close
        }
    }
    Close
    Open 'command:relatedLinks'
    foreach ($b in (Get-SectionBlocks $doc 'RELATED LINKS')) {
        foreach ($l in $b.Lines) {
            $text, $uri = if ($l -match '\[([^\]]+)\]\(([^)]*)\)') { $Matches[1], $Matches[2] } else { ($l -replace '^[-*]\s+'), '' }
            if ($uri -notmatch '^https?://') { $uri = '' }   # a link to another .md file is a topic name, not an address
            Open 'maml:navigationLink'; Leaf 'maml:linkText' $text; Leaf 'maml:uri' $uri; Close
        }
    }
    Close
    Close
}

# --- Main
$docs = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($DocsPath)
$output = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
if (-not (Test-Path -LiteralPath $docs -PathType Container)) { throw "DocsPath '$docs' is not a folder." }
$outputDir = [System.IO.Directory]::CreateDirectory((Split-Path $output)).FullName

# A full path: Import-Module takes 'out/YtPipe' for a module name to look up in $env:PSModulePath.
$module = if ($ModulePath) {
    Import-Module $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ModulePath) -PassThru -Force | Select-Object -First 1 }
$files = @(Get-ChildItem -LiteralPath $docs -Filter *.md -File | Where-Object Name -Match '^[A-Za-z]+-[A-Za-z0-9]+\.md$' | Sort-Object Name)
if ($module) {
    foreach ($c in @(Get-Command -Module $module.Name -CommandType Cmdlet, Function)) {
        if ($c.Name -notin @($files | ForEach-Object BaseName)) { Write-Warning "$($c.Name) has no help file ($($c.Name).md) in $docs." }
    }
}

# Written in memory first, so that a Markdown error never leaves half a help file behind.
$buffer = [System.IO.MemoryStream]::new()
$writer = [System.Xml.XmlWriter]::Create($buffer, [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = $utf8 })
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($f in $files) {
        $doc = Read-HelpMarkdown $f.FullName
        $name = $f.BaseName
        if ($doc.Title -and $doc.Title -ne $name) { Write-Warning "$($f.Name): the title '# $($doc.Title)' is not the file name; using $name." }
        $command = $null
        if ($module) {
            $command = Get-Command -Module $module.Name -Name $name -ErrorAction SilentlyContinue
            if (-not $command) { Write-Warning "$($f.Name): module $($module.Name) has no command $name; using the yaml blocks." }
        }
        Write-Command $doc $f.FullName $name $command
    }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
    $writer.Flush()
    [System.IO.File]::WriteAllBytes($output, $buffer.ToArray())
}
finally { $writer.Dispose() }
if ($files.Count -eq 0) { Write-Warning "No Verb-Noun.md files in $docs." }

# about topics: plain text, so drop heading marks and fences, and indent the code.
foreach ($f in @(Get-ChildItem -LiteralPath $docs -Filter 'about_*.md' -File)) {
    $inCode = $false
    $lines = foreach ($l in [System.IO.File]::ReadAllLines($f.FullName)) {
        if ($l -match '^\s*(```|~~~)') { $inCode = -not $inCode; continue }
        if ($inCode) { "    $l" } elseif ($l -match '^#{1,6}\s+(.*)$') { $Matches[1] } else { $l }
    }
    [System.IO.File]::WriteAllText((Join-Path $outputDir "$($f.BaseName).help.txt"), (($lines -join "`n") + "`n"), $utf8)
}
Write-Verbose "Wrote $output ($($files.Count) commands)."
