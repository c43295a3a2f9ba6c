# One row per bad input, for every command of the module: the command, its arguments (and pipeline input), the error id it
# must give, and proof that it changed nothing: every file under a HOME of its own (shared credentials and config
# files, web-identity token files), every environment variable, the emulator's IAM state, and its request log (every
# row is refused before any call). To add a case, add a row; Setup runs before the "before" snapshot, Hidden is text
# (a password) that must not appear anywhere in the error; MultiLineMessage marks a known message that repeats a line break.
BeforeDiscovery {
    $Project = '936a5312-a3b8-4921-8b3f-2cec8baac574'
    $Injected = "us-east-1`$(id)`nX"
    $Policy = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}'
    $Creds = [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = 'example-secret-key-value-0000000000000000'; SessionToken = 'example-session-token' }
    function WithRegion([string] $Region) { $c = $Creds.PSObject.Copy(); $c | Add-Member Region $Region; $c }
    $Trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"my-org.semaphoreci.com:aud":"https://my-org.semaphoreci.com","my-org.semaphoreci.com:sub":"org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main"}}}]}'
    $ProviderArn = 'arn:aws:iam::123456789012:oidc-provider/bad-input.semaphoreci.com'
    $Role = 'arn:aws:iam::123456789012:role/deploy'
    $Trusted = @{ Organization = 'my-org'; AccountId = '123456789012'; ProjectId = $Project }

    $Rows = @(
        # ---- Invoke-SemaphoreAssumeRole ----
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = 'deploy' }; Id = 'RoleArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = '' }; Id = 'RoleArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = 'arn:aws:iam::123:role/deploy' }; Id = 'RoleArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = 'arn:aws:iam::123456789012:user/deploy' }; Id = 'RoleArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = 'arn:aws:iam::123456789012:role/déploiement' }; Id = 'RoleArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = 'arn:aws:iam::123456789012:role/部署' }; Id = 'RoleArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = 'arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:role/deploy' }; Id = 'RoleArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = 'arn:aws-iso-z:iam::123456789012:role/deploy' }; Id = 'RoleArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = "$Role`nX" }; Id = 'RoleArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = 'arn:aws:iam::123456789012:role/' + ('r' * 65) }; Id = 'RoleArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; Token = '' }; Id = 'TokenMissing' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role }; Setup = { Remove-Item Env:SEMAPHORE_OIDC_TOKEN }; Id = 'TokenMissing' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; Token = 'not-a-jwt' }; Id = 'TokenMalformed' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role }; Setup = { $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org'; kind = 'Expired' } }; Id = 'TokenExpired' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role }; Setup = { $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org'; claims = @{ pad = 'x' * 20000 } } }; Id = 'TokenMalformed' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; DurationSeconds = 899 }; Id = 'DurationOutOfRange' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; DurationSeconds = 43201 }; Id = 'DurationOutOfRange' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; PolicyArn = (1..11 | ForEach-Object { "arn:aws:iam::aws:policy/P$_" }) }; Id = 'TooManyPolicyArns' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; PolicyArn = 'ReadOnlyAccess' }; Id = 'PolicyArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; PolicyArn = 'arn:aws:iam::aws:policy/Lecture-Seule-é' }; Id = 'PolicyArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; PolicyArn = 'arn:aws:iam::aws:role/ReadOnlyAccess' }; Id = 'PolicyArnInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; Policy = '{oops' }; Id = 'SessionPolicyInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; Policy = '{}' }; Id = 'SessionPolicyInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; Policy = '[1]' }; Id = 'SessionPolicyInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; Policy = '{"Version":"2012-10-17","Statement":[]}' }; Id = 'SessionPolicyInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; Policy = '{"Version":"2012-10-17","Statement":{"Action":"s3:*","Resource":"*"}}' }; Id = 'SessionPolicyInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; Policy = '{"Version":"2012-10-17","Statement":{"Sid":"Ā","Effect":"Allow","Action":"s3:*","Resource":"*"}}' }; Id = 'SessionPolicyInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; Policy = $Policy.Replace('"*"', '"' + ('*' * 2000) + '"') }; Id = 'SessionPolicyTooLarge' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; Region = 'Mars-1' }; Id = 'RegionInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; Region = $Injected }; Id = 'RegionInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; Region = 'us-east-١' }; Id = 'RegionInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role }; Setup = { $env:AWS_REGION = "us-east-1`$(id)`nX" }; Id = 'RegionInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role }; Setup = { Remove-Item Env:AWS_REGION; $env:AWS_DEFAULT_REGION = 'us-east-1;id' }; Id = 'RegionInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; EndpointUrl = 'sts.local' }; Id = 'EndpointUrlInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; EndpointUrl = 'ftp://sts.example.com/' }; Id = 'EndpointUrlInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; EndpointUrl = 'https://sts.example.com/?Action=x' }; Id = 'EndpointUrlInvalid' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; EndpointUrl = 'http://user:PASS-4711@sts.example.com/' }; Id = 'EndpointUrlHasUserInfo'; Hidden = 'PASS-4711' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; EndpointUrl = 'https://PASS-4711@127.0.0.1:1/' }; Id = 'EndpointUrlHasUserInfo'; Hidden = 'PASS-4711' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; EndpointUrl = 'http://user:PASS-4711@sts example.com/' }; Id = 'EndpointUrlInvalid'; Hidden = 'PASS-4711' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; MaxAttempts = 0 }; Id = 'MaxAttemptsOutOfRange' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; MaxAttempts = 21 }; Id = 'MaxAttemptsOutOfRange' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; TimeoutSec = 0 }; Id = 'TimeoutOutOfRange' }
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = $Role; TimeoutSec = 601 }; Id = 'TimeoutOutOfRange' }

        # ---- Set-AwsEnv (environment, profile and web-identity modes) ----
        @{ Command = 'Set-AwsEnv'; Pipe = [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00' }; Arguments = @{}; Id = 'CredentialsIncomplete' }
        @{ Command = 'Set-AwsEnv'; Pipe = $Creds; Arguments = @{ Region = $Injected }; Id = 'RegionInvalid' }
        @{ Command = 'Set-AwsEnv'; Pipe = (WithRegion $Injected); Arguments = @{}; Id = 'RegionInvalid' }
        @{ Command = 'Set-AwsEnv'; Pipe = (WithRegion 'Mars-1'); Arguments = @{}; Id = 'RegionInvalid' }
        @{ Command = 'Set-AwsEnv'; Pipe = (WithRegion "us-east-1`nAWS_SECRET_ACCESS_KEY=x"); Arguments = @{}; Id = 'RegionInvalid' }
        @{ Command = 'Set-AwsEnv'; Pipe = (WithRegion 'eu-west-١'); Arguments = @{}; Id = 'RegionInvalid' }
        @{ Command = 'Set-AwsEnv'; Pipe = $Creds; Arguments = @{ ProfileName = 'bad]name' }; Id = 'ProfileNameInvalid' }
        # Known: this message repeats the name's line break (SharedCredentialsProfileWriter); the other rows hold it to one line.
        @{ Command = 'Set-AwsEnv'; Pipe = $Creds; Arguments = @{ ProfileName = "p`n[evil]" }; Id = 'ProfileNameInvalid'; MultiLineMessage = $true }
        @{ Command = 'Set-AwsEnv'; Pipe = $Creds; Arguments = @{ ProfileName = 'p'; Region = $Injected }; Id = 'RegionInvalid' }
        @{ Command = 'Set-AwsEnv'; Pipe = [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SessionToken = 't' }; Arguments = @{ ProfileName = 'p' }; Id = 'CredentialsIncomplete' }
        @{ Command = 'Set-AwsEnv'; Arguments = @{ WebIdentity = $true; RoleArn = 'deploy' }; Id = 'RoleArnInvalid' }
        @{ Command = 'Set-AwsEnv'; Arguments = @{ WebIdentity = $true; RoleArn = 'arn:aws:iam::123456789012:role/déploiement' }; Id = 'RoleArnInvalid' }
        @{ Command = 'Set-AwsEnv'; Arguments = @{ WebIdentity = $true }; Id = 'RoleArnMissing' }
        @{ Command = 'Set-AwsEnv'; Arguments = @{ WebIdentity = $true; RoleArn = $Role }; Setup = { $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org'; kind = 'Expired' } }; Id = 'TokenExpired' }
        @{ Command = 'Set-AwsEnv'; Arguments = @{ WebIdentity = $true; RoleArn = $Role }; Setup = { $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org'; kind = 'NotYetValid' } }; Id = 'TokenNotYetValid' }
        @{ Command = 'Set-AwsEnv'; Arguments = @{ WebIdentity = $true; RoleArn = $Role; TokenDirectory = 'Env:' }; Id = 'PathInvalid' }
        @{ Command = 'Set-AwsEnv'; Pipe = [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = "secret`n[evil]"; SessionToken = 't' }; Arguments = @{ ProfileName = 'p' }; Id = 'CredentialValueInvalid' }
        @{ Command = 'Set-AwsEnv'; Arguments = @{ WebIdentity = $true; RoleArn = $Role; WebIdentityToken = '' }; Id = 'TokenMissing' }
        @{ Command = 'Set-AwsEnv'; Arguments = @{ WebIdentity = $true; RoleArn = $Role; WebIdentityToken = 'not-a-jwt' }; Id = 'TokenMalformed' }
        @{ Command = 'Set-AwsEnv'; Arguments = @{ WebIdentity = $true; RoleArn = $Role; Region = $Injected }; Id = 'RegionInvalid' }
        @{ Command = 'Set-AwsEnv'; Arguments = @{ WebIdentity = $true; RoleArn = $Role; Region = 'Mars-1' }; Id = 'RegionInvalid' }

        # ---- ConvertTo-AwsEnv (the -Region parameter and a bound Region property) ----
        @{ Command = 'ConvertTo-AwsEnv'; Pipe = [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00' }; Arguments = @{}; Id = 'CredentialsIncomplete' }
        @{ Command = 'ConvertTo-AwsEnv'; Pipe = $Creds; Arguments = @{ Region = $Injected }; Id = 'RegionInvalid' }
        @{ Command = 'ConvertTo-AwsEnv'; Pipe = (WithRegion $Injected); Arguments = @{ Format = 'Bash' }; Id = 'RegionInvalid' }
        @{ Command = 'ConvertTo-AwsEnv'; Pipe = (WithRegion $Injected); Arguments = @{ Format = 'PowerShell' }; Id = 'RegionInvalid' }
        @{ Command = 'ConvertTo-AwsEnv'; Pipe = (WithRegion $Injected); Arguments = @{ Format = 'Dotenv' }; Id = 'RegionInvalid' }
        @{ Command = 'ConvertTo-AwsEnv'; Pipe = (WithRegion $Injected); Arguments = @{ Format = 'Json' }; Id = 'RegionInvalid' }
        @{ Command = 'ConvertTo-AwsEnv'; Pipe = (WithRegion $Injected); Arguments = @{ Format = 'CredentialProcess' }; Id = 'RegionInvalid' }
        @{ Command = 'ConvertTo-AwsEnv'; Pipe = (WithRegion 'us-east-1''; id; echo '''); Arguments = @{ Format = 'Bash' }; Id = 'RegionInvalid' }

        @{ Command = 'ConvertTo-AwsEnv'; Pipe = [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = 'a$b'; SessionToken = 't' }; Arguments = @{ Format = 'Dotenv' }; Id = 'DotenvValueUnsafe' }
        @{ Command = 'ConvertTo-AwsEnv'; Pipe = $Creds; Arguments = @{ Path = 'Env:creds' }; Id = 'PathInvalid' }
        @{ Command = 'ConvertTo-AwsEnv'; Pipe = $Creds; Arguments = @{ Path = '/dev/null' }; Id = 'PathNotRegularFile' }
        @{ Command = 'ConvertTo-AwsEnv'; Pipe = $Creds; Arguments = @{ Path = '/nonexistent-semaphoreoidc-folder/creds.env' }; Id = 'OutputFileWriteFailed' }

        # ---- Clear-AwsEnv ----
        @{ Command = 'Clear-AwsEnv'; Arguments = @{ WebIdentity = $true; TokenDirectory = 'Env:' }; Id = 'PathInvalid' }
        @{ Command = 'Clear-AwsEnv'; Arguments = @{ WebIdentity = $true; TokenDirectory = '/dev/null' }; Id = 'PathNotDirectory' }

        # ---- Get-SemaphoreOidcToken ----
        @{ Command = 'Get-SemaphoreOidcToken'; Arguments = @{ Verify = $true }; Id = 'TokenIssuerNotPinned' }
        @{ Command = 'Get-SemaphoreOidcToken'; Arguments = @{ Organization = 'my-org' }; Id = 'TokenVerifyRequired' }
        @{ Command = 'Get-SemaphoreOidcToken'; Arguments = @{ Verify = $true; Organization = 'My Org!' }; Id = 'OrganizationInvalid' }
        @{ Command = 'Get-SemaphoreOidcToken'; Arguments = @{ Verify = $true; IssuerUrl = 'http://my-org.semaphoreci.com' }; Id = 'IssuerUrlInvalid' }
        @{ Command = 'Get-SemaphoreOidcToken'; Arguments = @{ Verify = $true }; Setup = { $env:SEMAPHORE_ORGANIZATION_URL = 'http://my-org.semaphoreci.com' }; Id = 'OrganizationUrlInvalid' }
        @{ Command = 'Get-SemaphoreOidcToken'; Arguments = @{ Verify = $true; Organization = 'other-org' }; Id = 'TokenIssuerMismatch' }
        @{ Command = 'Get-SemaphoreOidcToken'; Arguments = @{ Token = '' }; Id = 'TokenMissing' }
        @{ Command = 'Get-SemaphoreOidcToken'; Arguments = @{}; Setup = { Remove-Item Env:SEMAPHORE_OIDC_TOKEN }; Id = 'TokenMissing' }
        @{ Command = 'Get-SemaphoreOidcToken'; Arguments = @{ Token = 'not-a-jwt' }; Id = 'TokenMalformed' }
        @{ Command = 'Get-SemaphoreOidcToken'; Arguments = @{ Token = 'a.b.c' }; Id = 'TokenMalformed' }

        # ---- New-SemaphoreOidcProvider ----
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ Organization = 'My Org!' }; Id = 'OrganizationInvalid' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ IssuerUrl = 'http://my-org.semaphoreci.com' }; Id = 'IssuerUrlInvalid' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ IssuerUrl = 'https://my-org.semaphoreci.com:8443' }; Id = 'IssuerUrlInvalid' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ IssuerUrl = 'https://user:PASS-4711@my-org.semaphoreci.com' }; Id = 'IssuerUrlInvalid'; Hidden = 'PASS-4711' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ Organization = 'my-org'; Audience = ('a' * 256) }; Id = 'AudienceInvalid' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ Organization = 'my-org'; Thumbprint = 'abc' }; Id = 'ThumbprintInvalid' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ Organization = 'my-org'; Tag = @{ 'aws:team' = 'ci' } }; Id = 'IamTagInvalid' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ Organization = 'my-org'; Tag = @{ 'team;rm' = 'ci' } }; Id = 'IamTagInvalid' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ Organization = 'my-org'; Tag = @{ team = ('v' * 257) } }; Id = 'IamTagInvalid' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ Organization = 'my-org'; Region = $Injected }; Id = 'RegionInvalid' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ Organization = 'my-org'; EndpointUrl = 'iam.local' }; Id = 'EndpointUrlInvalid' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ Organization = 'my-org'; EndpointUrl = 'https://admin:PASS-4711@iam.example.com/' }; Id = 'EndpointUrlHasUserInfo'; Hidden = 'PASS-4711' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ Organization = 'my-org'; MaxAttempts = 0 }; Id = 'MaxAttemptsOutOfRange' }
        @{ Command = 'New-SemaphoreOidcProvider'; Arguments = @{ Organization = 'my-org'; TimeoutSec = 601 }; Id = 'TimeoutOutOfRange' }

        # ---- Get-SemaphoreOidcProvider ----
        @{ Command = 'Get-SemaphoreOidcProvider'; Arguments = @{ Arn = 'arn:aws:iam::123456789012:role/x' }; Id = 'ProviderArnInvalid' }
        @{ Command = 'Get-SemaphoreOidcProvider'; Arguments = @{ Arn = 'arn:aws-foo:iam::123456789012:oidc-provider/my-org.semaphoreci.com' }; Id = 'ProviderArnInvalid' }
        @{ Command = 'Get-SemaphoreOidcProvider'; Arguments = @{ Arn = 'arn:aws:iam::123456789012:oidc-provider/my org.semaphoreci.com' }; Id = 'ProviderArnInvalid' }
        @{ Command = 'Get-SemaphoreOidcProvider'; Arguments = @{ Arn = 'arn:aws:iam::123:oidc-provider/my-org.semaphoreci.com' }; Id = 'ProviderArnInvalid' }
        @{ Command = 'Get-SemaphoreOidcProvider'; Arguments = @{ Organization = 'bad org' }; Id = 'OrganizationInvalid' }
        @{ Command = 'Get-SemaphoreOidcProvider'; Arguments = @{ IssuerUrl = 'ftp://my-org.semaphoreci.com' }; Id = 'IssuerUrlInvalid' }
        @{ Command = 'Get-SemaphoreOidcProvider'; Arguments = @{ Region = $Injected }; Id = 'RegionInvalid' }
        @{ Command = 'Get-SemaphoreOidcProvider'; Arguments = @{ EndpointUrl = 'http://u:PASS-4711@iam.example.com' }; Id = 'EndpointUrlHasUserInfo'; Hidden = 'PASS-4711' }

        # ---- Remove-SemaphoreOidcProvider (a real provider exists: a wrong refusal would delete it) ----
        @{ Command = 'Remove-SemaphoreOidcProvider'; Arguments = @{ Arn = 'arn:aws:iam::123456789012:role/x'; Confirm = $false }; Id = 'ProviderArnInvalid' }
        @{ Command = 'Remove-SemaphoreOidcProvider'; Arguments = @{ Arn = 'arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:oidc-provider/bad-input.semaphoreci.com'; Confirm = $false }; Id = 'ProviderArnInvalid' }
        @{ Command = 'Remove-SemaphoreOidcProvider'; Arguments = @{ Arn = 'arn:aws-iso-z:iam::123456789012:oidc-provider/bad-input.semaphoreci.com'; Confirm = $false }; Id = 'ProviderArnInvalid' }
        @{ Command = 'Remove-SemaphoreOidcProvider'; Arguments = @{ Arn = $ProviderArn; Region = $Injected; Confirm = $false }; Id = 'RegionInvalid' }
        @{ Command = 'Remove-SemaphoreOidcProvider'; Arguments = @{ Arn = $ProviderArn; EndpointUrl = 'https://u:PASS-4711@iam.amazonaws.com/'; Confirm = $false }; Id = 'EndpointUrlHasUserInfo'; Hidden = 'PASS-4711' }
        @{ Command = 'Remove-SemaphoreOidcProvider'; Arguments = @{ Arn = $ProviderArn; EndpointUrl = 'iam.amazonaws.com'; Confirm = $false }; Id = 'EndpointUrlInvalid' }
        @{ Command = 'Remove-SemaphoreOidcProvider'; Arguments = @{ Arn = $ProviderArn; MaxAttempts = 0; Confirm = $false }; Id = 'MaxAttemptsOutOfRange' }
        @{ Command = 'Remove-SemaphoreOidcProvider'; Arguments = @{ Arn = $ProviderArn; MaxAttempts = 21; Confirm = $false }; Id = 'MaxAttemptsOutOfRange' }
        @{ Command = 'Remove-SemaphoreOidcProvider'; Arguments = @{ Arn = $ProviderArn; TimeoutSec = 0; Confirm = $false }; Id = 'TimeoutOutOfRange' }
        @{ Command = 'Remove-SemaphoreOidcProvider'; Arguments = @{ Arn = $ProviderArn; TimeoutSec = 601; Confirm = $false }; Id = 'TimeoutOutOfRange' }

        # ---- New-SemaphoreTrustPolicy (offline) ----
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = @{ Organization = 'Bad Org'; AccountId = '123456789012'; ProjectId = $Project }; Id = 'OrganizationInvalid' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = @{ Organization = 'my-org'; AccountId = '1234'; ProjectId = $Project }; Id = 'AccountIdInvalid' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = @{ Organization = 'my-org'; AccountId = '١٢٣٤٥٦٧٨٩٠١٢'; ProjectId = $Project }; Id = 'AccountIdInvalid' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = @{ Organization = 'my-org'; ProviderArn = 'arn:aws:iam::123456789012:role/x'; ProjectId = $Project }; Id = 'ProviderArnInvalid' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = @{ Organization = 'my-org'; ProviderArn = 'arn:aws-foo:iam::123456789012:oidc-provider/my-org.semaphoreci.com'; ProjectId = $Project }; Id = 'ProviderArnInvalid' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = @{ Organization = 'my-org'; ProviderArn = 'arn:aws:iam::123456789012:oidc-provider/other.semaphoreci.com'; ProjectId = $Project }; Id = 'ProviderMismatch' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = $Trusted + @{ Partition = 'aws-mars' }; Id = 'PartitionInvalid' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = $Trusted + @{ IssuerUrl = 'https://user:PASS-4711@ci.example.com' }; Id = 'IssuerUrlInvalid'; Hidden = 'PASS-4711' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = @{ Organization = 'my-org'; AccountId = '123456789012'; ProjectId = 'web' }; Id = 'ProjectIdInvalid' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = $Trusted + @{ Repository = 'owner/web' }; Id = 'RepositoryInvalid' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = $Trusted + @{ Branch = 'a..b' }; Id = 'BranchInvalid' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = $Trusted + @{ Tag = 'v1..2' }; Id = 'TagInvalid' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = @{ Organization = 'my-org'; AccountId = '123456789012' }; Id = 'TrustPolicyTooBroad' }
        @{ Command = 'New-SemaphoreTrustPolicy'; Arguments = @{ Organization = 'my-org'; AccountId = '123456789012'; Subject = 'org:other:project:*' }; Id = 'SubjectInvalid' }

        # ---- Test-SemaphoreTrustPolicy (offline) ----
        @{ Command = 'Test-SemaphoreTrustPolicy'; Arguments = @{ Policy = '{"Version":'; Subject = 'org:my-org:project:x:repo:web:ref_type:branch:ref:refs/heads/main' }; Id = 'TrustPolicyMalformed' }
        @{ Command = 'Test-SemaphoreTrustPolicy'; Arguments = @{ Policy = '{"Version":"2012-10-17","Statement":[]}'; Subject = 'org:my-org:project:x:repo:web:ref_type:branch:ref:refs/heads/main' }; Id = 'TrustPolicyEmpty' }
        @{ Command = 'Test-SemaphoreTrustPolicy'; Arguments = @{ Policy = $Trust; Subject = 'repo:web' }; Id = 'PolicyRequestInvalid' }
        @{ Command = 'Test-SemaphoreTrustPolicy'; Arguments = @{ Policy = $Trust; Token = 'not-a-jwt' }; Id = 'TokenMalformed' }
        @{ Command = 'Test-SemaphoreTrustPolicy'; Arguments = @{ Policy = './no-such-policy.json'; Subject = 'org:my-org:project:x:repo:web:ref_type:branch:ref:refs/heads/main' }; Id = 'TrustPolicyNotFound' }
        @{ Command = 'Test-SemaphoreTrustPolicy'; Arguments = @{ Policy = $Trust; Subject = 'org:my-org:project:x:repo:web:ref_type:branch:ref:refs/heads/main'; AccountId = '12345' }; Id = 'AccountIdInvalid' }
        @{ Command = 'Test-SemaphoreTrustPolicy'; Arguments = @{ Policy = $Trust; Subject = 'org:my-org:project:x:repo:web:ref_type:branch:ref:refs/heads/main'; AccountId = '١٢٣٤٥٦٧٨٩٠١٢' }; Id = 'AccountIdInvalid' }

        # ---- Get-SemaphoreRoleTrust ----
        @{ Command = 'Get-SemaphoreRoleTrust'; Arguments = @{ RoleName = $Role }; Id = 'RoleNameInvalid' }
        @{ Command = 'Get-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'déploiement' }; Id = 'RoleNameInvalid' }
        @{ Command = 'Get-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'r' * 65 }; Id = 'RoleNameInvalid' }
        @{ Command = 'Get-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'deploy'; Region = $Injected }; Id = 'RegionInvalid' }
        @{ Command = 'Get-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'deploy'; EndpointUrl = 'http://u:PASS-4711@127.0.0.1/' }; Id = 'EndpointUrlHasUserInfo'; Hidden = 'PASS-4711' }

        # ---- Set-SemaphoreRoleTrust (the role exists: a wrong refusal would rewrite its trust) ----
        @{ Command = 'Set-SemaphoreRoleTrust'; Arguments = @{ RoleName = $Role; Policy = $Trust }; Id = 'RoleNameInvalid' }
        @{ Command = 'Set-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'dépl'; Policy = $Trust }; Id = 'RoleNameInvalid' }
        @{ Command = 'Set-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'deploy'; Policy = '{"Version":' }; Id = 'TrustPolicyMalformed' }
        @{ Command = 'Set-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'deploy'; Policy = $Trust; MaxSessionDuration = 60 }; Id = 'MaxSessionDurationOutOfRange' }
        @{ Command = 'Set-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'deploy'; Policy = $Trust; PermissionPolicyArn = 'ReadOnly' }; Id = 'PolicyArnInvalid' }
        @{ Command = 'Set-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'deploy'; Policy = $Trust; PermissionPolicyArn = 'arn:aws:iam::aws:policy/Lecture-Seule-é' }; Id = 'PolicyArnInvalid' }
        @{ Command = 'Set-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'fresh'; Policy = $Trust; Create = $true; Tag = @{ 'aws:x' = 'y' } }; Id = 'IamTagInvalid' }
        @{ Command = 'Set-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'fresh'; Policy = $Trust; Create = $true; Description = 'd' * 1001 }; Id = 'RoleDescriptionTooLong' }
        @{ Command = 'Set-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'deploy'; Policy = $Trust; Region = $Injected }; Id = 'RegionInvalid' }
        @{ Command = 'Set-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'deploy'; Policy = $Trust; EndpointUrl = 'https://u:PASS-4711@iam.amazonaws.com' }; Id = 'EndpointUrlHasUserInfo'; Hidden = 'PASS-4711' }
        @{ Command = 'Set-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'deploy'; Policy = $Trust; MaxAttempts = 21 }; Id = 'MaxAttemptsOutOfRange' }
        @{ Command = 'Set-SemaphoreRoleTrust'; Arguments = @{ RoleName = 'deploy'; Policy = $Trust; TimeoutSec = 0 }; Id = 'TimeoutOutOfRange' }
    )
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Reset-TestEmulator
    Register-TestProvider | Out-Null
    Register-TestProvider -IssuerUrl 'https://bad-input.semaphoreci.com' | Out-Null
    Register-TestRole -RoleName 'deploy' | Out-Null

    $script:SavedEnv = @{}
    foreach ($item in Get-ChildItem Env:) { $script:SavedEnv[$item.Name] = $item.Value }

    # A HOME of its own holding the files a wrong answer could change: credentials and config with a profile each.
    $script:TempHome = Join-Path ([IO.Path]::GetTempPath()) "bad-input-$([guid]::NewGuid())"
    New-Item -ItemType Directory (Join-Path $TempHome '.aws') | Out-Null
    Set-Content (Join-Path $TempHome '.aws/credentials') "[existing]`naws_access_key_id = AKIAEXISTING000000000`naws_secret_access_key = existing`n"
    Set-Content (Join-Path $TempHome '.aws/config') "[profile existing]`nregion = eu-west-1`n"
    $env:HOME = $TempHome
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $TempHome '.aws/credentials'
    $env:AWS_CONFIG_FILE = Join-Path $TempHome '.aws/config'
    $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org' }
    $env:AWS_REGION = 'us-east-1'
    $env:AWS_ACCESS_KEY_ID = $Emulator.adminAccessKeyId
    $env:AWS_SECRET_ACCESS_KEY = $Emulator.adminSecretAccessKey
    Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE, Env:AWS_DEFAULT_REGION, Env:AWS_ROLE_ARN, Env:AWS_WEB_IDENTITY_TOKEN_FILE, Env:SEMAPHORE_ORGANIZATION_URL -ErrorAction Ignore
    $script:RowEnv = @{}
    foreach ($item in Get-ChildItem Env:) { $script:RowEnv[$item.Name] = $item.Value }

    # Everything a refused command must leave as it was, as one text: equal texts, nothing changed.
    function script:Get-State {
        $files = Get-ChildItem $TempHome -Recurse -Force | Sort-Object FullName | ForEach-Object {
            $hash = if ($_.PSIsContainer) { 'dir' } else { (Get-FileHash $_.FullName -Algorithm SHA256).Hash }
            "$($_.FullName) $($_.UnixMode) $hash"
        }
        $variables = Get-ChildItem Env: | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }
        @{
            Files     = $files -join "`n"
            Variables = $variables -join "`n"
            Iam       = Get-TestIamState
            Requests  = @(Get-TestRequests).Count
        }
    }
}

AfterAll {
    foreach ($item in Get-ChildItem Env:) { if (-not $script:SavedEnv.ContainsKey($item.Name)) { Remove-Item "Env:$($item.Name)" } }
    foreach ($name in $script:SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $script:SavedEnv[$name]) }
    Remove-Item $TempHome -Recurse -Force -ErrorAction Ignore
}

Describe 'Bad input is refused with its id and changes nothing' {
    AfterEach {
        foreach ($item in Get-ChildItem Env:) { if (-not $script:RowEnv.ContainsKey($item.Name)) { Remove-Item "Env:$($item.Name)" } }
        foreach ($name in $script:RowEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $script:RowEnv[$name]) }
    }

    It 'the table covers every command' -ForEach @{ Commands = @($Rows.Command); RowCount = $Rows.Count } {
        @($Commands | Sort-Object -Unique) | Should -Be @((Get-Command -Module SemaphoreOidc).Name | Sort-Object)
        $RowCount | Should -BeGreaterOrEqual 100
    }

    It '<Command> <Id> #<_index>' -ForEach @($Rows | ForEach-Object -Begin { $i = 0 } -Process { $_ + @{ _index = ++$i } }) {
        if ($Setup) { & $Setup }
        $before = Get-State
        $arguments = $Arguments
        $thrown = $null
        try {
            if ($null -ne $Pipe) { $Pipe | & $Command @arguments -ErrorAction Stop }
            else { & $Command @arguments -ErrorAction Stop }
        }
        catch { $thrown = $_ }

        $thrown | Should -Not -BeNullOrEmpty -Because "$Command must refuse this input"
        $thrown.FullyQualifiedErrorId | Should -Be "$Id,$((Get-Command $Command).ImplementingType.FullName)"
        $thrown.CategoryInfo.Category | Should -BeIn 'InvalidArgument', 'InvalidData', 'ObjectNotFound', 'AuthenticationError', 'LimitsExceeded', 'SecurityError'
        if (-not $MultiLineMessage) {
            $thrown.Exception.Message | Should -Not -Match '\n' -Because 'a message is one line: input cannot fake another line of a CI log'
        }
        if ($Hidden) {
            $shown = ($thrown | Out-String -Width 400) + ($thrown | Format-List * -Force | Out-String -Width 400) + [string]$thrown.TargetObject +
                $thrown.CategoryInfo.ToString() + $thrown.Exception.ToString()
            $shown | Should -Not -Match ([regex]::Escape($Hidden))
        }

        $after = Get-State
        $after.Requests | Should -Be $before.Requests -Because 'the input is refused before any call'
        $after.Iam | Should -Be $before.Iam
        $after.Files | Should -Be $before.Files
        $after.Variables | Should -Be $before.Variables
    }
}
